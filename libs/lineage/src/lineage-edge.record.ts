import { AuxiliaryRole, EdgeRef, Evidence, TeacherUse } from '@pedigree/core';

export interface RetractionRecord {
  id: string;
  evidence: Evidence;
  recordedAt: Date;
  recordedBy: string;
}

export interface LineageEdgeRecord extends EdgeRef, TeacherUse {
  mergeWeight: number | null;
  trainingRunId: string | null;
  /** Set exactly on AUXILIARY edges. */
  auxiliaryRole: AuxiliaryRole | null;
  evidence: Evidence;
  recordedAt: Date;
  recordedBy: string;
  retraction: RetractionRecord | null;
}

export interface EdgeDraft extends Partial<TeacherUse> {
  sourceId: string;
  relation: EdgeRef['relation'];
  mergeWeight: number | null;
  trainingRunId: string | null;
  /** Required for AUXILIARY edges; absent otherwise. The teacher use (snapshot, period) is absent for non-teaching edges. */
  auxiliaryRole?: AuxiliaryRole | null;
  evidence: Evidence;
}

/** An edge as known at `asOf`: a retraction recorded later had not happened yet. The present (null) shows it as it is. */
export function edgeKnownAt(e: LineageEdgeRecord, asOf: Date | null | undefined): LineageEdgeRecord {
  if (!asOf || !e.retraction || e.retraction.recordedAt <= asOf) return e;
  return { ...e, retraction: null };
}
