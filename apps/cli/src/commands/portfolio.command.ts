import { CliOutput } from '../cli-output';
import { formatCount, formatHhi, formatShare } from '../human-format';
import { CliError, RegistryClient } from '../registry-client';
import { column, Column, numeric, Report, Row } from '../report-format';
import { FormatOptions, inTermsOf, intOption, outputFormat } from './report-options';

export const ENVIRONMENTS = ['PRODUCTION', 'STAGING', 'DEVELOPMENT', 'RESEARCH'] as const;
export const SCOPES = ['DEPLOYMENTS', 'MODELS'] as const;

export interface PortfolioOptions extends FormatOptions {
  environment?: string;
  excludeTag?: string[];
  tag?: string;
  organization?: string;
  ownerTeam?: string;
  scope?: string;
  top?: string;
}

const SHARE = 'key label count share';
const QUERY = `query($filter: PortfolioFilterInput, $top: Int!) {
  portfolioExposure(filter: $filter, top: $top) {
    scope memberCount
    countries { ${SHARE} }
    vendors { ${SHARE} }
    weightRootVendors { hhi shares { ${SHARE} } }
    inferenceProviders { hhi shares { ${SHARE} } }
    singlePointsOfFailure { kind ${SHARE} }
  }
}`;

interface Share {
  key: string | null;
  label: string;
  count: number;
  share: number;
}
interface Portfolio {
  scope: string;
  memberCount: number;
  countries: Share[];
  vendors: Share[];
  weightRootVendors: { hhi: number; shares: Share[] };
  inferenceProviders: { hhi: number; shares: Share[] } | null;
  singlePointsOfFailure: (Share & { kind: string })[];
}

function oneOf(flag: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  const v = value.toUpperCase();
  if (!allowed.includes(v)) throw new CliError(`${flag} must be one of ${allowed.map((a) => a.toLowerCase()).join(', ')}; got "${value}"`, 'USAGE');
  return v;
}

/**
 * Flags to `PortfolioFilterInput`; unset flags are left out so the registry's defaults apply. Which
 * filters fit which scope is the registry's rule; its refusal comes back naming the flag.
 */
export function portfolioFilter(opts: PortfolioOptions): Record<string, unknown> {
  const filter: Record<string, unknown> = {
    scope: oneOf('--scope', opts.scope, SCOPES),
    environment: oneOf('--environment', opts.environment, ENVIRONMENTS),
    excludeTags: opts.excludeTag?.length ? opts.excludeTag : undefined,
    tag: opts.tag,
    organization: opts.organization,
    ownerTeam: opts.ownerTeam,
  };
  for (const k of Object.keys(filter)) if (filter[k] === undefined) delete filter[k];
  return filter;
}

const shareColumns = (first: string): Column[] => [
  column('name', first),
  numeric('members', 'members', (v) => formatCount(Number(v))),
  numeric('share', 'share', (v) => formatShare(Number(v))),
];
const shareRows = (shares: Share[]): Row[] => shares.map((s) => ({ name: s.label, members: s.count, share: s.share }));

export function portfolioReport(p: Portfolio, filter: Record<string, unknown>): Report {
  const members = p.scope === 'MODELS' ? 'models' : 'deployments';
  const shown = Object.entries(filter)
    .filter(([k]) => k !== 'scope')
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  return {
    title: `Portfolio exposure of ${p.memberCount} ${members}${shown.length ? ` (${shown.join('; ')})` : ''}`,
    summary: [
      `weight-root vendor concentration (HHI): ${formatHhi(p.weightRootVendors.hhi)}`,
      ...(p.inferenceProviders ? [`inference provider concentration (HHI): ${formatHhi(p.inferenceProviders.hhi)}`] : []),
    ],
    sections: [
      { title: 'Countries', columns: shareColumns('country'), rows: shareRows(p.countries) },
      { title: 'Vendors', columns: shareColumns('vendor'), rows: shareRows(p.vendors) },
      { title: 'Weight-root vendors', columns: shareColumns('vendor'), rows: shareRows(p.weightRootVendors.shares) },
      ...(p.inferenceProviders ? [{ title: 'Inference providers', columns: shareColumns('provider'), rows: shareRows(p.inferenceProviders.shares) }] : []),
      {
        title: 'Single points of failure',
        columns: [column('kind'), ...shareColumns('name')],
        rows: p.singlePointsOfFailure.map((s) => ({ kind: s.kind, name: s.label, members: s.count, share: s.share })),
      },
    ],
  };
}

export async function portfolioCommand(client: RegistryClient, output: CliOutput, json: boolean, opts: PortfolioOptions): Promise<void> {
  const format = outputFormat(json, opts);
  const filter = portfolioFilter(opts);
  const top = intOption('--top', opts.top, 1, 100) ?? 10;
  const flagOf = (field: string) => {
    const name = field.replace(/^filter\./, '');
    return {
      organization: '--organization',
      environment: '--environment',
      excludeTags: '--exclude-tag',
      tag: '--tag',
      ownerTeam: '--owner-team',
      scope: '--scope',
      top: '--top',
    }[name];
  };
  const { portfolioExposure } = await inTermsOf(client.request<{ portfolioExposure: Portfolio }>(QUERY, { filter, top }), flagOf);
  output.report(format, portfolioReport(portfolioExposure, filter), portfolioExposure);
}
