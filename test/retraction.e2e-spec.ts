import { assertEdge, assertNoErrors, EVIDENCE, newModel, newOrganization, RegistryProcess, startRegistry, tableCounts } from '@pedigree/testing';

const RETRACT = `mutation($i: RetractLineageInput!) { retractLineage(input: $i) { id retraction { evidence { justification } recordedBy } } }`;

/** Claims are withdrawn by new records; history is never rewritten. */
describe('retracting lineage', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry();
    await newOrganization(r);
  });
  afterAll(() => r?.stop());

  /** Two fresh models and the edge between them, so each test retracts its own (and runs alone with -t). */
  async function newClaim() {
    const base = await newModel(r);
    const derived = await newModel(r);
    const edgeId: string = assertNoErrors(await assertEdge(r, derived.name, base.name)).data.assertLineage.id;
    return { base, derived, edgeId };
  }

  async function retracted() {
    const claim = await newClaim();
    assertNoErrors(await r.gql(RETRACT, { i: { edgeId: claim.edgeId, evidence: EVIDENCE } }));
    return claim;
  }

  const ancestors = async (of: string, includeRetracted = false) =>
    (
      await r.gql(`query($n: String, $inc: Boolean!) { lineage(of: { model: $n }, includeRetracted: $inc) { edges { id retraction { recordedBy } } } }`, {
        n: of,
        inc: includeRetracted,
      })
    ).data.lineage.edges;

  it('keeps the edge, records the retraction, and hides the edge by default', async () => {
    const { derived, edgeId } = await newClaim();
    expect(await ancestors(derived.name)).toHaveLength(1);
    const res = await r.gql(RETRACT, { i: { edgeId, recordedBy: 'auditor', evidence: { origin: 'AUDIT_FINDING', justification: 'weights do not match' } } });
    expect(res.errors).toBeUndefined();
    expect(res.data.retractLineage.retraction).toEqual({ evidence: { justification: 'weights do not match' }, recordedBy: 'auditor' });
    expect(await ancestors(derived.name)).toEqual([]);
    expect(await ancestors(derived.name, true)).toEqual([{ id: edgeId, retraction: { recordedBy: 'auditor' } }]);
    expect(Number((await r.sql(`SELECT count(*) AS n FROM lineage_edge WHERE id = $1`, [edgeId]))[0].n)).toBe(1);
  });

  it('refuses to retract twice, changing nothing', async () => {
    const { edgeId } = await retracted();
    const before = await tableCounts(r);
    const res = await r.gql(RETRACT, { i: { edgeId, evidence: EVIDENCE } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.edgeId' });
    expect(await tableCounts(r)).toEqual(before);
  });

  it('a retracted edge no longer blocks the opposite edge', async () => {
    const { base, derived } = await retracted();
    const res = await assertEdge(r, base.name, derived.name, 'DISTILLATION');
    expect(res.errors).toBeUndefined();
  });

  it('the database itself refuses to rewrite or delete history', async () => {
    const { edgeId } = await retracted();
    await expect(r.sql(`UPDATE lineage_edge SET relation = 'MERGE' WHERE id = $1`, [edgeId])).rejects.toThrow(/append-only/);
    await expect(r.sql(`DELETE FROM lineage_retraction WHERE edge_id = $1`, [edgeId])).rejects.toThrow(/append-only/);
  });

  it('unknown edge ids are NOT_FOUND naming the field', async () => {
    const res = await r.gql(RETRACT, { i: { edgeId: '999999', evidence: EVIDENCE } });
    expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.edgeId' });
  });
});
