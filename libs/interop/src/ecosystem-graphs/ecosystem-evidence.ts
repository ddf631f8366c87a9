import { documentUrl, EcosystemAsset } from './ecosystem-asset';

export const COLLECTOR = 'pedigree-import:ecosystem-graphs';
const MAX_JUSTIFICATION = 4000;

/**
 * Evidence for a claim read from one asset. ecosystem-graphs is compiled by Stanford CRFM from
 * public material, so every claim is a THIRD_PARTY_REPORT; `documentRef` is the asset's page when
 * it is an http(s) URL (the registry accepts nothing else), and the justification names the file and
 * asset either way, so the claim can be traced without a URL. No `observedAt`: the registry's
 * default keeps a re-run idempotent, and the plan stays free of clocks.
 */
export function evidenceFrom(asset: Pick<EcosystemAsset, 'url'>, justification: string, confidence?: number): Record<string, unknown> {
  const text = justification.length > MAX_JUSTIFICATION ? `${justification.slice(0, MAX_JUSTIFICATION - 1)}…` : justification;
  return {
    origin: 'THIRD_PARTY_REPORT',
    justification: text,
    documentRef: documentUrl(asset),
    collector: COLLECTOR,
    ...(confidence === undefined ? {} : { confidence }),
  };
}
