import { Evidence, EvidenceDraft, normalizeEvidence, Relation } from '@pedigree/core';
import { LineageNodeRepository } from './lineage-node.repository';
import { DraftWithSource } from './lineage-writer.service';
import { NodeRef, resolveNodeRef } from './node-ref';

export interface LineageSource {
  source: NodeRef;
  relation: Relation;
  mergeWeight?: number | null;
  evidence?: EvidenceDraft | null;
}

/** Resolves declared sources in input order; a merge may list the same parent twice and both edges are kept. */
export async function resolveSources(
  nodes: LineageNodeRepository,
  sources: readonly LineageSource[] | null | undefined,
  field: string,
  fallback: Evidence,
  trainingRunId: string | null = null,
): Promise<DraftWithSource[]> {
  const drafts: DraftWithSource[] = [];
  for (const [i, s] of (sources ?? []).entries()) {
    const path = `${field}[${i}]`;
    const source = await resolveNodeRef(nodes, s.source, `${path}.source`);
    const evidence = s.evidence ? normalizeEvidence(s.evidence, `${path}.evidence`) : fallback;
    drafts.push({ source, sourceId: source.id, relation: s.relation, mergeWeight: s.mergeWeight ?? null, trainingRunId, evidence, field: path, sourceField: `${path}.source` });
  }
  return drafts;
}
