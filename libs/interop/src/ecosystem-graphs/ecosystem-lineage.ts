import { ImportFinding, ImportOp } from '../import-plan';
import { slugify } from './asset-names';
import { describeAsset } from './ecosystem-asset';
import { evidenceFrom } from './ecosystem-evidence';
import { DependencyResolution, ResolvedDependency } from './dependency-resolution';
import { EcosystemRecord } from './duplicates';

export type LineageRelation = 'FINETUNE' | 'DISTILLATION' | 'TRAINED_ON' | 'GENERATED_BY' | 'DERIVED_FROM';

/** A lineage edge the plan asserts, in emission order. */
export interface PlannedEdge {
  dependency: ResolvedDependency;
  relation: LineageRelation;
}

export interface LineagePlan {
  /** Model and dataset edges in emission order, self-dependencies included (they are never emitted). */
  edges: PlannedEdge[];
  edgeOps: ImportOp[];
  deploymentOps: ImportOp[];
  findings: ImportFinding[];
}

/**
 * The file's dependencies are untyped. Between a model and a model, and a dataset and a model,
 * the relation is a guess: "generated" may really be "filtered with" (LAION-5B lists CLIP), and
 * exposure reads GENERATED_BY as distillation. TRAINED_ON and DERIVED_FROM are the only relations
 * the registry has for their kinds, so only the dependency itself is in doubt there.
 */
const GUESSED_CONFIDENCE = 0.5;
const KIND_CONFIDENCE = 0.8;
const GUESSED: readonly LineageRelation[] = ['FINETUNE', 'DISTILLATION', 'GENERATED_BY'];
const WHY: Partial<Record<LineageRelation, string>> = {
  FINETUNE: '; a model built on a model is read as a fine-tune.',
  DISTILLATION: ' and the adaptation text, which mentions distillation.',
  GENERATED_BY: '; a dataset built with a model is read as generated or labelled by it (it may only have been filtered with it).',
};
const DISTILL = /\bdistil/i;

/**
 * The relation a dependency most plausibly means, from the kinds of its two ends. The registry has
 * no "depends on, somehow" relation. A model built on a model is read as a fine-tune unless its
 * adaptation text says distillation: of the guesses, FINETUNE is the cautious one for compliance,
 * since the source's license then binds the derived model.
 */
export function relationFor(derived: EcosystemRecord, source: EcosystemRecord): LineageRelation | null {
  const from = derived.asset.type;
  const to = source.asset.type;
  if (from === 'model' && to === 'model') return DISTILL.test(derived.asset.adaptation ?? '') ? 'DISTILLATION' : 'FINETUNE';
  if (from === 'model' && to === 'dataset') return 'TRAINED_ON';
  if (from === 'dataset' && to === 'model') return 'GENERATED_BY';
  if (from === 'dataset' && to === 'dataset') return 'DERIVED_FROM';
  return null;
}

const ref = (r: EcosystemRecord, name: string) => ({ [r.asset.type === 'model' ? 'model' : 'dataset']: name });

/**
 * Turns resolved dependencies into lineage edges (models and datasets) and deployments
 * (applications using models). A dependency neither can express is a finding, never a silent drop.
 */
export function planLineage(
  resolution: DependencyResolution,
  registryNames: ReadonlyMap<EcosystemRecord, string>,
  ownerOf: (r: EcosystemRecord) => string,
  source: string,
): LineagePlan {
  const plan: LineagePlan = { edges: [], edgeOps: [], deploymentOps: [], findings: [] };
  const seen = new Set<string>();
  const deploymentNames = new Set<string>();

  for (const dep of resolution.resolved) {
    const { from, to } = dep;
    const pair = `${from.asset.index}>${to.asset.index}`;
    if (seen.has(pair)) {
      plan.findings.push({ kind: 'duplicate-dependency', subject: from.label, detail: `"${dep.text}" resolves to "${to.label}" again; one edge is enough` });
      continue;
    }
    seen.add(pair);
    const matched = dep.via === 'normalized' ? ` (the file writes "${dep.text}", matched ignoring case, spaces and punctuation)` : '';

    if (from.asset.type === 'application') {
      if (to.asset.type !== 'model') {
        plan.findings.push(notRepresented(dep, `an application using a ${to.asset.type} is neither lineage nor a deployment`));
        continue;
      }
      const name = deploymentName(from, registryNames.get(to)!, deploymentNames);
      plan.deploymentOps.push({
        mutation: 'registerDeployment',
        label: `deployment ${from.asset.name} → ${to.label}`,
        input: {
          name,
          system: from.asset.name,
          ownerTeam: ownerOf(from),
          environment: 'UNKNOWN',
          criticality: 'MEDIUM',
          tags: ['imported:ecosystem-graphs'],
          uses: { model: registryNames.get(to)! },
          evidence: evidenceFrom(
            from.asset,
            `${describeAsset(from.asset, source)} lists "${to.asset.name}"${matched} among its dependencies: the application is a product that uses the model. ` +
              'An application of others, not one of your deployments: environment UNKNOWN; MEDIUM criticality is a default, the file says nothing about it.',
          ),
        },
      });
      continue;
    }

    const relation = relationFor(from, to);
    if (!relation) {
      plan.findings.push(notRepresented(dep, `a ${from.asset.type} depending on an application has no lineage relation`));
      continue;
    }
    plan.edges.push({ dependency: dep, relation });
    if (from === to) continue; // The registry refuses self-edges; reported as a rejected cycle instead.
    const derivedName = registryNames.get(from)!;
    const sourceName = registryNames.get(to)!;
    const guessed = GUESSED.includes(relation);
    plan.edgeOps.push({
      mutation: 'assertLineage',
      label: `edge ${from.label} -[${relation}]-> ${to.label}`,
      edge: { derived: derivedName, source: sourceName, relation },
      input: {
        derived: ref(from, derivedName),
        source: ref(to, sourceName),
        relation,
        evidence: evidenceFrom(
          from.asset,
          `${describeAsset(from.asset, source)} lists "${to.asset.name}"${matched} among its dependencies. ` +
            `ecosystem-graphs dependencies are untyped: ${relation} was inferred from the kinds (${from.asset.type} depends on ${to.asset.type})` +
            (WHY[relation] ?? '.'),
          guessed ? GUESSED_CONFIDENCE : KIND_CONFIDENCE,
        ),
      },
    });
  }
  return plan;
}

function notRepresented(dep: ResolvedDependency, why: string): ImportFinding {
  return {
    kind: 'dependency-not-represented',
    subject: dep.from.label,
    detail: `${dep.from.asset.sourceFile}: dependency "${dep.text}" (${dep.to.asset.type} "${dep.to.label}"): ${why}; not imported`,
  };
}

/** `<application-slug>/<model registry name>`, lower case, as deployment names must be. */
function deploymentName(app: EcosystemRecord, modelName: string, taken: Set<string>): string {
  const base = `${slugify(app.asset.name, 80) || 'application'}/${modelName.toLowerCase()}`.slice(0, 196);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}
