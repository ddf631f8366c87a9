import { ImportFinding, ImportOp } from '../import-plan';
import { planModelCards } from './card-plan';
import { ModelCardFacts } from './model-card-facts';

/** The schema's `LineageSourceInput`. */
export interface CardLineageSource {
  source: { model?: string; dataset?: string };
  relation: string;
  evidence?: Record<string, unknown>;
}

export interface CardRegistration {
  /** `RegisterModelInput` for the model, without lineage. */
  model: Record<string, unknown>;
  /** The card's edges, for `RegisterModelInput.lineage` or `RegisterCheckpointInput.lineage`. */
  lineage: CardLineageSource[];
  /**
   * What must exist before `model` and `lineage` can be written: organizations, licenses and
   * placeholder parents and datasets, in order, with the same onlyIfAbsent and tolerateConflict flags
   * as an import plan.
   */
  prerequisites: ImportOp[];
  findings: ImportFinding[];
}

/**
 * What `pedigree register` needs when a checkpoint directory carries a README.md: the single-card
 * case of planModelCards, taken apart, so a card reads the same whether imported or registered.
 */
export function modelRegistrationFromCard(name: string, facts: ModelCardFacts, source: string): CardRegistration {
  const plan = planModelCards([{ name, facts, source }], source);
  const own = name.toLowerCase();
  const isOwnModel = (op: ImportOp) => op.mutation === 'registerModel' && (op.input.name as string).toLowerCase() === own;
  const lineage = plan.ops
    .filter((op) => op.mutation === 'assertLineage')
    .map((op) => ({ source: op.input.source as CardLineageSource['source'], relation: op.input.relation as string, evidence: op.input.evidence as Record<string, unknown> }));
  return {
    model: plan.ops.find(isOwnModel)!.input,
    lineage,
    prerequisites: plan.ops.filter((op) => op.mutation !== 'assertLineage' && !isOwnModel(op)),
    findings: plan.findings,
  };
}
