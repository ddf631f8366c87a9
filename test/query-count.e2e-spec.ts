import { newModel, newOrganization, RegistryProcess, startRegistry } from '@pedigree/testing';

const DEEP_QUERY = `query($n: String) {
  lineage(of: { model: $n }, maxDepth: 100) {
    nodes {
      depth
      node {
        id name kind
        ... on Model { country countrySource license licenseTerms { key } publisher { slug ultimateParent { slug } aliases } checkpoints { digest } }
      }
    }
    edges { relation evidence { origin } derived { name } source { name } }
  }
}`;

/** Field resolvers batch through per-request DataLoaders: the SQL count must not grow with the answer. */
describe('query count of a lineage answer', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry();
    await newOrganization(r);
  });
  afterAll(() => r?.stop());

  async function fanIn(size: number): Promise<string> {
    // A root fine-tuned from a chain and merged from a set of bases: a DAG of `size` nodes.
    let prev = await newModel(r);
    const chain = [prev];
    for (let i = 1; i < size / 2; i++) {
      prev = await newModel(r, { lineage: [{ source: { model: prev.name }, relation: 'FINETUNE' }] });
      chain.push(prev);
    }
    const bases = [];
    for (let i = 0; i < size / 2 - 1; i++) bases.push(await newModel(r));
    const root = await newModel(r, {
      lineage: [{ source: { model: prev.name }, relation: 'FINETUNE' }, ...bases.map((b) => ({ source: { model: b.name }, relation: 'MERGE' }))],
    });
    return root.name;
  }

  it('is the same for a 10-node and a 50-node answer', async () => {
    const small = await r.gql(DEEP_QUERY, { n: await fanIn(10) });
    const large = await r.gql(DEEP_QUERY, { n: await fanIn(50) });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(small.data.lineage.nodes).toHaveLength(10);
    expect(large.data.lineage.nodes).toHaveLength(50);
    expect(small.sqlQueries).toBeGreaterThan(0);
    expect(large.sqlQueries).toBe(small.sqlQueries);
    expect(large.sqlQueries).toBeLessThanOrEqual(15);
  });

  it('answers model(name) with its license and country in at most 2 statements (issue 18), the second one being the country', async () => {
    const m = await newModel(r);
    await r.gql(`{ __typename }`); // the token is checked and cached by the first request
    const named = await r.gql(`query($n: String) { model(name: $n) { id name license country } }`, { n: m.name.toUpperCase() });
    expect(named.errors).toBeUndefined();
    expect(named.data.model).toMatchObject({ id: m.id, name: m.name, country: expect.any(String) });
    expect(named.sqlQueries).toBeLessThanOrEqual(2);
    const bare = await r.gql(`query($n: String) { model(name: $n) { id name license } }`, { n: m.name });
    expect(bare.sqlQueries).toBe(1);
    // The owner's evidence is one more statement, for the field that shows it only.
    const evidenced = await r.gql(`query($n: String) { model(name: $n) { country countryEvidence { origin } } }`, { n: m.name });
    expect(evidenced.errors).toBeUndefined();
    expect(evidenced.sqlQueries).toBe(3);
  });
});
