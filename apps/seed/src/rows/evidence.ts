import { hash32, Stream } from '../random';

/** Every seeded claim names this collector, so synthetic evidence is never mistaken for collected evidence. */
export const COLLECTOR = 'pedigree-seed-synthetic';
/** `.invalid` is reserved (RFC 2606): these links can never resolve to a real page. */
export const HUB = 'https://hub.synthetic.invalid';
const REPORTS = 'https://reports.synthetic.invalid/lineage';

export type Origin = 'PIPELINE_DECLARATION' | 'MODEL_CARD' | 'THIRD_PARTY_REPORT' | 'AUDIT_FINDING';

/** The columns of an edge's evidence, and the shape of the `evidence` jsonb columns (see core's Evidence). */
export interface EvidenceFields {
  origin: Origin;
  justification: string;
  documentRef: string | null;
  collector: string | null;
  observedAt: string;
  confidence: number;
}

/**
 * Evidence as registration stores it for idempotency: keys sorted, nulls dropped (core's
 * canonicalize). `observedAt` only counts when the caller gave it, as in comparableEvidence.
 */
export function comparable(e: EvidenceFields, withObservedAt = true): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.collector !== null) out.collector = e.collector;
  out.confidence = e.confidence;
  if (e.documentRef !== null) out.documentRef = e.documentRef;
  out.justification = e.justification;
  if (withObservedAt) out.observedAt = e.observedAt;
  out.origin = e.origin;
  return out;
}

const CARD: Record<string, string> = {
  FINETUNE: 'Model card metadata declares base_model with base_model_relation: finetune',
  ADAPTER: 'adapter_config.json names the base model in base_model_name_or_path',
  QUANTIZATION: 'Model card metadata declares base_model with base_model_relation: quantized',
  MERGE: 'The mergekit configuration in the repository lists this model among the merged models',
  CONTINUED_PRETRAINING: 'Model card states continued pre-training from the base model',
  PRUNING: 'Model card states the model was pruned from the base model',
  DISTILLATION: "Model card states the model was trained on the teacher's outputs",
  TRAINED_ON: 'Model card metadata lists the dataset under datasets',
  GENERATED_BY: 'Dataset card states the data was generated with this model',
  DERIVED_FROM: 'Dataset card names the dataset it was filtered and reformatted from',
};
const REPORT: Record<string, string> = {
  DISTILLATION: 'Third-party analysis of output style attributes the training data to this teacher',
  TRAINED_ON: 'Third-party data-provenance report matched training samples to the dataset',
  GENERATED_BY: 'Third-party report found generation prompts and refusals typical of this model',
};
const WEIGHT_REPORT = 'Third-party weight-similarity analysis attributes the weights to this source';
const AUDIT = 'Internal audit confirmed the relation from training logs and configuration files';

/**
 * Evidence for a claim found by reading model and dataset cards: mostly MODEL_CARD, some
 * third-party reports with lower confidence, a few audit findings. Keyed by the derived node and
 * the claim's position, so the model row (registration) and the edge row agree without sharing state.
 */
export function cardEvidence(seed: number, derivedId: number, ordinal: number, relation: string, pageUrl: string, observedAt: string): EvidenceFields {
  const h = hash32(seed, Stream.EDGE, derivedId, ordinal);
  const u = (h >>> 8) % 1000;
  const jitter = (h & 0xff) / 255;
  if (u < 850) {
    return {
      origin: 'MODEL_CARD',
      justification: CARD[relation],
      documentRef: pageUrl,
      collector: COLLECTOR,
      observedAt,
      confidence: round2(0.85 + 0.14 * jitter),
    };
  }
  if (u < 970) {
    return {
      origin: 'THIRD_PARTY_REPORT',
      justification: REPORT[relation] ?? WEIGHT_REPORT,
      documentRef: `${REPORTS}/${derivedId}-${ordinal}`,
      collector: COLLECTOR,
      observedAt,
      confidence: round2(0.55 + 0.3 * jitter),
    };
  }
  return { origin: 'AUDIT_FINDING', justification: AUDIT, documentRef: null, collector: COLLECTOR, observedAt, confidence: round2(0.95 + 0.05 * jitter) };
}

/** What the registry records by default for a pipeline's registration (see CheckpointService). */
export function pipelineEvidence(registeredBy: string, observedAt: string): EvidenceFields {
  return {
    origin: 'PIPELINE_DECLARATION',
    justification: `Declared by ${registeredBy} at registration`,
    documentRef: null,
    collector: registeredBy,
    observedAt,
    confidence: 1,
  };
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
