import { EvidenceOrigin, Relation, isHttpUrl } from '@pedigree/core';
import { ImportOp } from '../import-plan';

export const COLLECTOR = 'pedigree hf-card import';

/** The evidence every op carries; `documentRef` only ever holds an http(s) URL. */
export interface EvidenceInput {
  origin: EvidenceOrigin;
  justification: string;
  documentRef: string | null;
  confidence: number;
  collector: string;
}

export function cardEvidence(justification: string, documentRef: string | null, confidence: number): EvidenceInput {
  return { origin: EvidenceOrigin.MODEL_CARD, justification, documentRef, confidence, collector: COLLECTOR };
}

/** A file path is no document reference; it belongs in the justification instead. */
export function httpUrl(value: string | null | undefined): string | null {
  return value && isHttpUrl(value) ? value : null;
}

/** `license_link` is often a file in the repository (`LICENSE`); the Hub serves it under blob/main. */
export function licenseUrl(link: string | null, model: string): string {
  const page = `https://huggingface.co/${model}`;
  if (!link) return page;
  const absolute = httpUrl(link);
  if (absolute) return absolute;
  const path = link.replace(/^\.?\//, '');
  return /^[\w./-]+$/.test(path) && !path.includes('..') ? `${page}/blob/main/${path}` : page;
}

export function organizationOp(slug: string, namespace: string, evidence: EvidenceInput): ImportOp {
  return {
    mutation: 'registerOrganization',
    input: { slug, name: namespace, kind: 'COMMUNITY', evidence },
    label: `organization "${slug}"`,
    onlyIfAbsent: { query: 'organization', name: slug },
  };
}

export function placeholderModelOp(name: string, evidence: EvidenceInput, publisher: string | null): ImportOp {
  return {
    mutation: 'registerModel',
    input: { name, access: 'OPEN_WEIGHTS', placeholder: true, evidence, ...(publisher ? { publisher } : {}) },
    label: `placeholder model "${name}"`,
    onlyIfAbsent: { query: 'model', name },
  };
}

export function datasetOp(name: string, evidence: EvidenceInput, publisher: string | null): ImportOp {
  return {
    mutation: 'registerDataset',
    input: { name, placeholder: true, evidence, ...(publisher ? { publisher } : {}) },
    label: `placeholder dataset "${name}"`,
    onlyIfAbsent: { query: 'dataset', name },
  };
}

export interface ModelFields {
  name: string;
  publisher: string | null;
  license: string | null;
  licenseEvidence: EvidenceInput | null;
  modality: string | null;
  evidence: EvidenceInput;
}

/** Registered without lineage: edges follow as assertLineage ops, once every endpoint exists. */
export function modelOp(m: ModelFields): ImportOp {
  const input: Record<string, unknown> = { name: m.name, access: 'OPEN_WEIGHTS', evidence: m.evidence };
  if (m.publisher) input.publisher = m.publisher;
  if (m.license) input.license = m.license;
  if (m.license && m.licenseEvidence) input.licenseEvidence = m.licenseEvidence;
  if (m.modality) input.modality = m.modality;
  return { mutation: 'registerModel', input, label: `model "${m.name}"` };
}

/** `facts`: a teacher's snapshot and period (teacherSnapshot, usedFrom, usedTo) or an auxiliary role, as the mutation names them. */
export function edgeOp(
  derived: string,
  source: string,
  sourceKind: 'model' | 'dataset',
  relation: Relation,
  evidence: EvidenceInput,
  facts: Record<string, string> = {},
): ImportOp {
  return {
    mutation: 'assertLineage',
    input: { derived: { model: derived }, source: { [sourceKind]: source }, relation, ...facts, evidence },
    label: `edge ${derived} -[${relation}]-> ${source}`,
    edge: { derived, source, relation },
  };
}
