import { EdgeRef, Evidence } from '@pedigree/core';

export interface RetractionRecord {
  id: string;
  evidence: Evidence;
  recordedAt: Date;
  recordedBy: string;
}

export interface LineageEdgeRecord extends EdgeRef {
  mergeWeight: number | null;
  trainingRunId: string | null;
  evidence: Evidence;
  recordedAt: Date;
  recordedBy: string;
  retraction: RetractionRecord | null;
}

export interface EdgeDraft {
  sourceId: string;
  relation: EdgeRef['relation'];
  mergeWeight: number | null;
  trainingRunId: string | null;
  evidence: Evidence;
}
