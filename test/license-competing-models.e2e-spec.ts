import { assertNoErrors, EVIDENCE, RegistryProcess, startRegistry } from '@pedigree/testing';

/** forbidsCompetingModels through registerLicense, and on the demo catalog's OpenAI terms. */
describe('a license that forbids developing competing models', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ demo: true });
  });
  afterAll(() => r?.stop());

  const REGISTER = `mutation($i: RegisterLicenseInput!) { registerLicense(input: $i) { key forbidsCompetingModels } }`;
  const license = (key: string, extra: Record<string, unknown> = {}) => ({
    key,
    name: `${key} terms`,
    url: 'https://example.org/terms',
    commercialUse: true,
    evidence: EVIDENCE,
    ...extra,
  });
  const stored = (key: string) =>
    r.sql<{ forbids: boolean; registration: Record<string, unknown> }>(
      `SELECT forbids_competing_models AS forbids, registration FROM custom_license WHERE key = $1`,
      [key],
    );

  it('round-trips true, and re-registering the same terms returns the license', async () => {
    const i = license('LicenseRef-test-no-compete', { forbidsCompetingModels: true });
    const first = await r.gql(REGISTER, { i });
    assertNoErrors(first);
    expect(first.data.registerLicense).toEqual({ key: i.key, forbidsCompetingModels: true });
    expect(await stored(i.key)).toEqual([expect.objectContaining({ forbids: true })]);
    const again = await r.gql(REGISTER, { i });
    expect(again.errors).toBeUndefined();
    const read = await r.gql(`{ customLicense(key: "${i.key}") { forbidsCompetingModels } }`);
    expect(read.data.customLicense).toEqual({ forbidsCompetingModels: true });
  });

  it('defaults to false, and a registration without it equals one with false (as those stored before the term existed)', async () => {
    const absent = license('LicenseRef-test-may-compete');
    const res = await r.gql(REGISTER, { i: absent });
    assertNoErrors(res);
    expect(res.data.registerLicense.forbidsCompetingModels).toBe(false);
    // The stored comparison payload lacks the term, as every registration made before the migration does.
    const [row] = await stored(absent.key);
    expect(row.forbids).toBe(false);
    expect(row.registration).not.toHaveProperty('forbidsCompetingModels');
    expect((await r.gql(REGISTER, { i: { ...absent, forbidsCompetingModels: false } })).errors).toBeUndefined();
    expect((await r.gql(REGISTER, { i: absent })).errors).toBeUndefined();
  });

  it('refuses changing the term on an existing license as a CONFLICT, changing nothing', async () => {
    const i = license('LicenseRef-test-flip');
    assertNoErrors(await r.gql(REGISTER, { i }));
    const flipped = await r.gql(REGISTER, { i: { ...i, forbidsCompetingModels: true } });
    expect(flipped.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(await stored(i.key)).toEqual([expect.objectContaining({ forbids: false })]);
  });

  it('refuses a value that is not a boolean, writing nothing', async () => {
    const i = license('LicenseRef-test-bad-type', { forbidsCompetingModels: 'yes' });
    const res = await r.gql(REGISTER, { i });
    expect(res.data).toBeFalsy();
    expect(res.errors?.[0].message).toMatch(/forbidsCompetingModels/);
    expect(res.errors?.[0].message).toMatch(/Boolean/);
    expect(await stored(i.key)).toEqual([]);
  });

  it('marks the demo catalog OpenAI terms, and no weights license', async () => {
    const res = await r.gql(`{ customLicenses { key forbidsCompetingModels } }`);
    assertNoErrors(res);
    const demo = (res.data.customLicenses as { key: string; forbidsCompetingModels: boolean }[]).filter((l) => !l.key.startsWith('LicenseRef-test-'));
    expect(demo.filter((l) => l.forbidsCompetingModels).map((l) => l.key)).toEqual(['LicenseRef-openai-terms']);
    // Llama 3.1 and 3.3 dropped Llama 3's clause against improving other LLMs; DeepSeek and Qwen allow it with conditions.
    expect(demo.map((l) => l.key)).toEqual(expect.arrayContaining(['LicenseRef-llama3.1', 'LicenseRef-llama3.3', 'LicenseRef-deepseek', 'LicenseRef-qwen']));
  });
});
