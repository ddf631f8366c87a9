import {
  AuxiliaryRole,
  Evidence,
  EvidenceDraft,
  normalizeAuxiliaryRole,
  normalizeEvidence,
  normalizeTeacherUse,
  Relation,
  TeacherUseDraft,
} from '@pedigree/core';
import { LineageNodeRepository } from './lineage-node.repository';
import { DraftWithSource } from './lineage-writer.service';
import { NodeIdentity } from './lineage-graph';
import { NodeRef, resolveNodeRefs } from './node-ref';

export interface LineageSource extends TeacherUseDraft {
  source: NodeRef;
  relation: Relation;
  mergeWeight?: number | null;
  /** Required for AUXILIARY, refused otherwise. */
  auxiliaryRole?: AuxiliaryRole | null;
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
  return draftsFor(
    sources ?? [],
    field,
    fallback,
    trainingRunId,
    await resolveNodeRefs(
      nodes,
      (sources ?? []).map((s, i) => ({ ref: s.source, field: `${field}[${i}].source` })),
    ),
  );
}

/** Drafts for sources whose nodes are already resolved (in the same order), e.g. in a batch with other references. */
export function draftsFor(
  sources: readonly LineageSource[],
  field: string,
  fallback: Evidence,
  trainingRunId: string | null,
  resolved: readonly NodeIdentity[],
): DraftWithSource[] {
  return sources.map((s, i) => {
    const path = `${field}[${i}]`;
    const evidence = s.evidence ? normalizeEvidence(s.evidence, `${path}.evidence`) : fallback;
    return {
      source: resolved[i],
      sourceId: resolved[i].id,
      relation: s.relation,
      mergeWeight: s.mergeWeight ?? null,
      ...normalizeTeacherUse(s.relation, s, path),
      auxiliaryRole: normalizeAuxiliaryRole(s.relation, s.auxiliaryRole, `${path}.auxiliaryRole`),
      trainingRunId,
      evidence,
      field: path,
      sourceField: `${path}.source`,
    };
  });
}
