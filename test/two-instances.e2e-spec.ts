import { EVIDENCE, newDigest, newModel, newOrganization, RegistryProcess, startRegistry } from '@pedigree/testing';

const FRESHNESS_MS = 1000;

const LINEAGE = `query($m: String!) { lineage(of: { model: $m }, maxDepth: 5) { edges { id relation source { name } } } }`;
const EXPOSURE = `query($m: String!) { exposure(of: { model: $m }) { countries { country } } }`;

/** Polls `check` on a registry until it passes; returns how long that took. */
async function visibleWithin(check: () => Promise<boolean>, limitMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`not visible within ${limitMs} ms`);
}

describe('two API instances on one database (in-memory lineage index)', () => {
  let a: RegistryProcess;
  let b: RegistryProcess;

  beforeAll(async () => {
    a = await startRegistry();
    b = await startRegistry({ sharing: a });
    await newOrganization(a, 'test-org', 'FR');
    await newOrganization(a, 'us-lab', 'US');
  });

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('both instances use the in-memory index', () => {
    expect(a.output()).toMatch(/lineage index loaded/);
    expect(b.output()).toMatch(/lineage index loaded/);
  });

  it.each([
    ['a', 'b'],
    ['b', 'a'],
  ])('a registration on %s is visible to lineage and exposure on %s within 1 s, and to its writer at once', async (writerName, _readerName) => {
    const [writer, reader] = writerName === 'a' ? [a, b] : [b, a];
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const base = await newModel(writer, { name: `us-lab/base-${writerName}-${i}`, publisher: 'us-lab' });
      const child = await newModel(writer, { lineage: [{ source: { model: base.name }, relation: 'FINETUNE' }] });
      // Read-your-writes on the writing instance: no waiting at all.
      const own = await writer.gql(LINEAGE, { m: child.name });
      expect(own.data.lineage.edges.map((e: any) => e.source.name)).toEqual([base.name]);
      delays.push(
        await visibleWithin(async () => {
          const [lin, exp] = await Promise.all([reader.gql(LINEAGE, { m: child.name }), reader.gql(EXPOSURE, { m: child.name })]);
          return lin.data.lineage.edges.length === 1 && exp.data.exposure.countries.some((c: any) => c.country === 'US');
        }, FRESHNESS_MS),
      );
    }
    expect(Math.max(...delays)).toBeLessThan(FRESHNESS_MS);
  });

  it('assertLineage, checkpoints and retractions propagate too', async () => {
    const base = await newModel(a, { name: 'us-lab/base-prop', publisher: 'us-lab' });
    const child = await newModel(a);
    const asserted = await a.gql(`mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`, {
      i: { derived: { model: child.name }, source: { model: base.name }, relation: 'FINETUNE', evidence: EVIDENCE },
    });
    const edgeId = asserted.data.assertLineage.id;
    await visibleWithin(async () => (await b.gql(LINEAGE, { m: child.name })).data.lineage.edges.length === 1, FRESHNESS_MS);

    const digest = newDigest();
    await b.gql(`mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`, {
      i: { model: { model: child.name }, digest, format: 'SAFETENSORS', registeredBy: 'ci' },
    });
    await visibleWithin(async () => {
      const res = await a.gql(`query($d: String!) { lineage(of: { checkpoint: $d }) { nodes { node { name } } } }`, { d: digest });
      return res.data?.lineage.nodes.some((n: any) => n.node.name === base.name) ?? false;
    }, FRESHNESS_MS);

    await b.gql(`mutation($i: RetractLineageInput!) { retractLineage(input: $i) { id } }`, {
      i: { edgeId, evidence: { origin: 'AUDIT_FINDING', justification: 'wrong base' } },
    });
    await visibleWithin(async () => (await a.gql(LINEAGE, { m: child.name })).data.lineage.edges.length === 0, FRESHNESS_MS);
  });

  it('a cycle across instances is still refused: the cycle check reads the database under the lock', async () => {
    const x = await newModel(a);
    const y = await newModel(b);
    const results = await Promise.all([
      a.gql(`mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`, {
        i: { derived: { model: x.name }, source: { model: y.name }, relation: 'FINETUNE', evidence: EVIDENCE },
      }),
      b.gql(`mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`, {
        i: { derived: { model: y.name }, source: { model: x.name }, relation: 'FINETUNE', evidence: EVIDENCE },
      }),
    ]);
    expect(results.filter((r) => !r.errors).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0].extensions.code === 'CYCLE').length).toBe(1);
  });
});
