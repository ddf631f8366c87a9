import { NULL, num, row, text } from '../copy-text';
import { datasetName, dayOf, isoTime, modelName } from '../plan/names';
import { LAST_DAY } from '../plan/models.plan';
import { nodeId, SeedPlan } from '../plan/seed.plan';
import { hash01, hash32, Stream } from '../random';
import { checkpointFacts, runDatasets } from './checkpoint.rows';
import { Claim, datasetClaims, modelClaims } from './claims';
import { COLLECTOR, EvidenceFields } from './evidence';
import { TableRows } from './table-rows';

/** Share of edges (other than CHECKPOINT_OF, which the registry records itself) later withdrawn. */
export const RETRACTION_SHARE = 0.001;

interface Retracted {
  edgeId: number;
  observedAt: string;
}

/**
 * Edges stream in three passes: model claims, dataset claims, then each checkpoint's
 * CHECKPOINT_OF and training-run edges. Ids are assigned in that order; the retractions drawn
 * along the way are kept (about one per thousand edges) for the retraction table.
 */
export function edgeRows(p: SeedPlan): { edges: TableRows; retractions: TableRows } {
  const retracted: Retracted[] = [];
  let nextId = 1;
  const line = (derivedId: number, relation: string, sourceId: number, mergeWeight: number | null, runId: number, e: EvidenceFields, recordedBy: string) => {
    const id = nextId++;
    if (relation !== 'CHECKPOINT_OF' && hash01(p.seed, Stream.EDGE, id, 99) < RETRACTION_SHARE) retracted.push({ edgeId: id, observedAt: e.observedAt });
    return row([
      String(id),
      String(derivedId),
      String(sourceId),
      relation,
      num(mergeWeight),
      runId ? String(runId) : NULL,
      e.origin,
      text(e.justification),
      text(e.documentRef),
      text(e.collector),
      e.observedAt,
      String(e.confidence),
      recordedBy,
    ]);
  };
  const claimLines = function* (derivedId: number, claims: Claim[]) {
    for (const c of claims) yield line(derivedId, c.relation, c.sourceId, c.mergeWeight, 0, c.evidence, COLLECTOR);
  };

  const edges: TableRows = {
    table: 'lineage_edge',
    columns: [
      'id',
      'derived_id',
      'source_id',
      'relation',
      'merge_weight',
      'training_run_id',
      'origin',
      'justification',
      'document_ref',
      'collector',
      'observed_at',
      'confidence',
      'recorded_by',
    ],
    expected: p.expected.lineage_edge,
    *rows() {
      const m = p.models;
      for (let i = 0; i < m.count; i++) yield* claimLines(nodeId.model(p, i), modelClaims(p, i, modelName(p, i)));
      for (let d = 0; d < p.datasets.count; d++) yield* claimLines(nodeId.dataset(p, d), datasetClaims(p, d, datasetName(p, d)));
      for (let i = 0; i < m.count; i++) {
        for (let c = p.checkpoints.offset[i]; c < p.checkpoints.offset[i + 1]; c++) {
          const f = checkpointFacts(p, i, c);
          yield line(f.id, 'CHECKPOINT_OF', nodeId.model(p, i), null, 0, f.evidence, f.registeredBy);
          if (!f.runId) continue;
          for (const d of runDatasets(p, i)) yield line(f.id, 'TRAINED_ON', nodeId.dataset(p, d), null, f.runId, f.evidence, f.registeredBy);
          if (m.teacher[i] >= 0) yield line(f.id, 'DISTILLATION', nodeId.model(p, m.teacher[i]), null, f.runId, f.evidence, f.registeredBy);
        }
      }
    },
  };

  const retractions: TableRows = {
    table: 'lineage_retraction',
    columns: ['id', 'edge_id', 'origin', 'justification', 'document_ref', 'collector', 'observed_at', 'confidence', 'recorded_by'],
    expected: Math.round(p.expected.lineage_edge * RETRACTION_SHARE),
    *rows() {
      for (const [k, r] of retracted.entries()) {
        const h = hash32(p.seed, Stream.EDGE, r.edgeId, 98);
        const audit = h % 3 === 0;
        const origin = audit ? 'AUDIT_FINDING' : 'MODEL_CARD';
        const justification = audit ? 'Audit found no support for this relation in the training logs' : 'A later model card revision removed this claim';
        const observedAt = isoTime(Math.min(LAST_DAY, dayOf(r.observedAt) + 30), h);
        yield row([String(k + 1), String(r.edgeId), origin, justification, NULL, COLLECTOR, observedAt, audit ? '0.95' : '0.9', COLLECTOR]);
      }
    },
  };
  return { edges, retractions };
}
