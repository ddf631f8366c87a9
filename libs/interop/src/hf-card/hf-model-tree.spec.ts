import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImportPlan, STRICT } from '../import-plan';
import { planHfModelTree } from './hf-model-tree';

// A verbatim copy of shared/data/hf-model-tree-mistral-small-24b.json (see its README there), so a clean clone can run it.
const FILE = join(__dirname, '..', '..', 'fixtures', 'hf-model-tree-mistral-small-24b.json');
const SCRAPE =
  'https://github.com/hamidahoderinwale/model_metadata_analyses/blob/6113c0e21f604920c64cf281a7254eba3b3924f8/ben-scripts/Mistral-Small-24B-Base-2501_finetunes_20250405_001816.csv';

describe('planHfModelTree on the real Mistral-Small-24B tree', () => {
  let plan: ImportPlan;
  beforeAll(() => {
    // As the README imports it: the tree's cards name 36 datasets the registry does not hold.
    plan = planHfModelTree(JSON.parse(readFileSync(FILE, 'utf8')), FILE, { ...STRICT, placeholders: true });
  });

  it('plans 67 models and 66 fine-tune edges, at depths 1/22/36/8', () => {
    expect(plan.counts).toEqual({
      models: 67,
      placeholders: 0,
      organizations: 72,
      licenses: 0,
      datasets: 36,
      edges: 116,
      edgesInferred: 65,
      'edges.FINETUNE': 66,
      'edges.ADAPTER': 0,
      'edges.MERGE': 0,
      'edges.QUANTIZATION': 0,
      'edges.TRAINED_ON': 50,
      'depth.0': 1,
      'depth.1': 22,
      'depth.2': 36,
      'depth.3': 8,
    });
    // The planned depths agree with the depths the scrape states, model by model.
    expect(plan.findings.filter((f) => f.kind === 'depth-mismatch')).toEqual([]);
  });

  it('maps the licenses: 58 Apache-2.0, 4 MIT, 5 unknown (4 absent, 1 "other" without a name)', () => {
    const byLicense: Record<string, number> = {};
    for (const op of plan.ops.filter((o) => o.mutation === 'registerModel')) {
      const license = (op.input.license as string | undefined) ?? 'unknown';
      byLicense[license] = (byLicense[license] ?? 0) + 1;
    }
    expect(byLicense).toEqual({ 'Apache-2.0': 58, MIT: 4, unknown: 5 });
    expect(plan.findings).toContainEqual({
      kind: 'license-unknown',
      subject: 'Mawdistical/Pawdistic-FurMittens-24B',
      detail: 'license: other without a usable license_name',
    });
  });

  it("takes the Hub's parents_by_relation over local inference, and reports the base_model it leaves out", () => {
    // base_model lists both the base and Arcee-Blitz; alone that would read as a merge.
    const edges = plan.ops.filter((op) => op.edge?.derived === 'ConicCat/MistralSmallV3R' && op.edge.relation !== 'TRAINED_ON');
    expect(edges.map((op) => op.label)).toEqual(['edge ConicCat/MistralSmallV3R -[FINETUNE]-> arcee-ai/Arcee-Blitz']);
    expect(edges[0].input.evidence).toMatchObject({ confidence: 0.7, justification: expect.stringContaining('inferred finetune by the Hugging Face Hub') });
    expect(plan.findings).toContainEqual({
      kind: 'base-model',
      subject: 'ConicCat/MistralSmallV3R',
      detail: 'base_model lists "mistralai/Mistral-Small-24B-Base-2501" but the Hub relates it to nothing (parents_by_relation); no edge',
    });
  });

  it('keeps the one declared relation as declared', () => {
    const declared = plan.ops.filter((op) => op.edge?.relation === 'FINETUNE' && (op.input.evidence as { confidence: number }).confidence === 0.9);
    expect(declared.map((op) => op.edge!.derived)).toEqual(['lemonilia/Mistral-Small-3-Reasoner-s1']);
  });

  it('cites the scrape as the document and the file row in the justification', () => {
    const root = plan.ops.find((op) => op.label === 'model "mistralai/Mistral-Small-24B-Base-2501"')!;
    expect(root.input.evidence).toMatchObject({
      documentRef: SCRAPE,
      justification: 'Hugging Face model card metadata for mistralai/Mistral-Small-24B-Base-2501 in hf-model-tree-mistral-small-24b.json models[0]',
    });
    expect(plan.ops.findIndex((op) => op.label === 'model "mistralai/Mistral-Small-24B-Instruct-2501"')).toBeGreaterThan(plan.ops.indexOf(root));
  });

  it('rejects entries of the wrong shape, naming the path', () => {
    expect(() => planHfModelTree({ models: [{ id: 'a/b', base_model: 3 }] }, 'x.json')).toThrow('models[0].base_model');
    expect(() => planHfModelTree({ models: [{ id: 'a/b', base_model_relation: 'lora' }] }, 'x.json')).toThrow('Accepted: adapter, merge, quantized, finetune');
    expect(() => planHfModelTree([], 'x.json')).toThrow('(root)');
  });
});
