import { AuditModule } from '@pedigree/audit';
import { CatalogModule } from '@pedigree/catalog';
import { Relation } from '@pedigree/core';
import { LINEAGE_GRAPH, LineageGraph, LineageModule, LineageService } from '@pedigree/lineage';
import { EVIDENCE, newModel, newOrganization, startServiceTier, ServiceTier } from '@pedigree/testing/service';

// Lineage claims through LineageService and the real LineageWriter (lock, cycle check, insert) on
// the CTE graph: edges are added once, and a claim that would close a cycle is refused unwritten.
let tier: ServiceTier;
let lineage: LineageService;

beforeAll(async () => {
  tier = await startServiceTier([AuditModule, LineageModule, CatalogModule]);
  lineage = tier.get(LineageService);
  await newOrganization(tier);
});
afterAll(() => tier?.close());

const written = () => tier.db.query(`SELECT (SELECT count(*)::int FROM lineage_edge) AS edges, (SELECT count(*)::int FROM audit_event) AS events`);
const claim = (derived: string, source: string, relation = Relation.FINETUNE) =>
  lineage.assert({ derived: { model: derived }, source: { model: source }, relation, evidence: EVIDENCE });

it('adds an edge the graph then walks, and the same claim again returns it without writing', async () => {
  const [base, tuned] = [await newModel(tier), await newModel(tier)];
  const edge = await claim(tuned.name, base.name);
  expect(edge).toMatchObject({ derivedId: tuned.id, sourceId: base.id, relation: Relation.FINETUNE });
  expect(await tier.app.get<LineageGraph>(LINEAGE_GRAPH).reaches(tuned.id, base.id)).toBe(true);
  const before = await written();
  expect((await claim(tuned.name, base.name)).id).toBe(edge.id);
  expect(await written()).toEqual(before);
});

it('refuses an edge that would close a cycle as CYCLE, naming the path, and writes nothing', async () => {
  const [a, b, c] = [await newModel(tier), await newModel(tier), await newModel(tier)];
  await claim(b.name, a.name);
  await claim(c.name, b.name, Relation.QUANTIZATION);
  const before = await written();
  const refusal = claim(a.name, c.name);
  await expect(refusal).rejects.toMatchObject({ code: 'CYCLE', field: 'input.source' });
  await expect(refusal).rejects.toThrow(/would create a cycle/);
  expect(await written()).toEqual(before);
});

it('refuses a model as its own source as CYCLE, writing nothing', async () => {
  const m = await newModel(tier);
  const before = await written();
  await expect(claim(m.name, m.name)).rejects.toMatchObject({ code: 'CYCLE' });
  expect(await written()).toEqual(before);
});

it('refuses an edge whose endpoints do not fit the relation, writing nothing', async () => {
  const [a, b] = [await newModel(tier), await newModel(tier)];
  const before = await written();
  await expect(claim(b.name, a.name, Relation.TRAINED_ON)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  expect(await written()).toEqual(before);
});
