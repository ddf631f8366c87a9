import { Evidence, NodeKind, TimeSlice } from '@pedigree/core';
import { NodeOrigin } from '../origin/node-origin.record';

export enum ModelAccess {
  OPEN_WEIGHTS = 'OPEN_WEIGHTS',
  API_ONLY = 'API_ONLY',
  CLOSED = 'CLOSED',
}

export interface ModelRecord {
  id: string;
  kind: NodeKind.MODEL;
  name: string;
  publisherId: string;
  license: string | null;
  licenseIds: string[];
  licenseEvidence: Evidence | null;
  countryOverride: string | null;
  countryEvidence: Evidence | null;
  access: ModelAccess;
  modality: string | null;
  parameterCount: number | null;
  releaseDate: string | null;
  /** Task tags, e.g. `chat`, `code`: lower-case, deduplicated, sorted; empty when not stated. */
  tasks: string[];
  evidence: Evidence;
  /** Registered only because something refers to it; complete it by registering it in full. */
  placeholder: boolean;
  createdAt: Date;
  /** Set when the record was read as of a past moment (`model(asOf)`): the moment, and the country of origin then. */
  asOf?: { at: TimeSlice; origin: NodeOrigin };
}

export interface ModelFilter {
  country?: string | null;
  organizationId?: string | null;
  license?: string | null;
  access?: ModelAccess | null;
  search?: string | null;
  placeholder?: boolean | null;
}
