import { assertEdge, assertNoErrors, EVIDENCE, newModel, newOrganization, RegistryProcess, startRegistry, tableCounts } from '@pedigree/testing';

/**
 * Audit evidence (issue 17): what the registry answered at a past moment (`asOf`, recorded time),
 * who owned whom on a real-world day (`validAt`), and what changed between two moments with the
 * claim and the audit event behind each change (`exposureDiff`).
 */
describe('exposure as of a moment, and its diff', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry();
    await newOrganization(r, 'test-org', 'FR');
    await newOrganization(r, 'asof-cn-lab', 'CN');
  });
  afterAll(() => r?.stop());

  /** The database's clock between two requests: every claim committed before it was recorded before it. */
  const clock = async (): Promise<string> => (await r.sql<{ t: Date }>(`SELECT clock_timestamp() AS t`))[0].t.toISOString();
  const EXPOSURE = `query($of: String!, $asOf: DateTime, $validAt: String) {
    exposure(of: { model: $of }, asOf: $asOf, validAt: $validAt) {
      asOf validAt countries { country } vendors { vendorName unavoidable } licenses { expression }
      countryPath: countries { country path { id retraction { recordedBy } } }
    }
  }`;
  const exposure = async (of: string, asOf?: string, validAt?: string) => assertNoErrors(await r.gql(EXPOSURE, { of, asOf, validAt })).data.exposure;
  const countries = (e: { countries: { country: string | null }[] }) => e.countries.map((c) => c.country).sort();

  /** A CN base, a FR model fine-tuned from it, the edge between them later retracted. */
  async function retractedScenario() {
    const base = await newModel(r, { publisher: 'asof-cn-lab', license: 'MIT' });
    const derived = await newModel(r);
    const edgeId: string = assertNoErrors(await assertEdge(r, derived.name, base.name)).data.assertLineage.id;
    const before = await clock();
    assertNoErrors(
      await r.gql(`mutation($i: RetractLineageInput!) { retractLineage(input: $i) { id } }`, {
        i: { edgeId, recordedBy: 'auditor', evidence: { origin: 'AUDIT_FINDING', justification: 'the card named the wrong base' } },
      }),
    );
    const after = await clock();
    return { base, derived, edgeId, before, after };
  }

  // Exposure is the ancestry's: the subject's own country, vendor and license are not in it.
  it('(a) answers before and after a retraction differently, and the present as after', async () => {
    const { derived, edgeId, before, after } = await retractedScenario();
    const then = await exposure(derived.name, before);
    expect(then.asOf).toBe(before);
    expect(then.validAt).toBe(before.slice(0, 10));
    expect(countries(then)).toEqual(['CN']);
    expect(then.vendors).toEqual([{ vendorName: 'asof-cn-lab', unavoidable: true }]);
    expect(then.licenses).toEqual([{ expression: 'MIT' }]);
    // The edge is shown as it was known then: its later retraction had not been recorded.
    const cn = then.countryPath.find((c: { country: string }) => c.country === 'CN');
    expect(cn.path).toEqual([{ id: edgeId, retraction: null }]);

    const later = await exposure(derived.name, after);
    expect(later).toMatchObject({ countries: [], vendors: [], licenses: [] });
    const now = await exposure(derived.name);
    expect(now).toMatchObject({ asOf: null, validAt: null, countries: [], vendors: [] });
  });

  it('counts a claim shown as recorded at asOf: moments compare to the millisecond the API shows, not the stored microsecond', async () => {
    const base = await newModel(r, { publisher: 'asof-cn-lab', license: 'MIT' });
    const derived = await newModel(r);
    const edgeId: string = assertNoErrors(await assertEdge(r, derived.name, base.name)).data.assertLineage.id;
    // The stored time has microseconds; the API shows milliseconds. Asked for exactly what it shows, the edge counts.
    const [{ shown }] = await r.sql<{ shown: Date }>(`SELECT recorded_at AS shown FROM lineage_edge WHERE id = $1`, [edgeId]);
    expect(countries(await exposure(derived.name, shown.toISOString()))).toEqual(['CN']);
    const [{ registered }] = await r.sql<{ registered: Date }>(`SELECT created_at AS registered FROM lineage_node WHERE id = $1`, [derived.id]);
    expect((await r.gql(EXPOSURE, { of: derived.name, asOf: registered.toISOString() })).errors).toBeUndefined();
  });

  it('answers lineage and path as of a moment too', async () => {
    const { base, derived, edgeId, before, after } = await retractedScenario();
    const q = `query($of: String!, $to: String!, $asOf: DateTime, $inc: Boolean!) {
      lineage(of: { model: $of }, asOf: $asOf, includeRetracted: $inc) { edges { id retraction { recordedBy } } }
      path(from: { model: $of }, to: { model: $to }, asOf: $asOf) { edges { id } }
    }`;
    const at = async (asOf: string, inc = false) => assertNoErrors(await r.gql(q, { of: derived.name, to: base.name, asOf, inc })).data;
    expect(await at(before)).toEqual({ lineage: { edges: [{ id: edgeId, retraction: null }] }, path: { edges: [{ id: edgeId }] } });
    expect(await at(after)).toEqual({ lineage: { edges: [] }, path: null });
    expect((await at(after, true)).lineage.edges).toEqual([{ id: edgeId, retraction: { recordedBy: 'auditor' } }]);
    const early = await r.gql(q, { of: derived.name, to: base.name, asOf: '2001-01-01T00:00:00Z', inc: false });
    expect(early.errors![0].extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'asOf' });
  });

  const DIFF = `query($of: String!, $from: DateTime!, $to: DateTime) {
    exposureDiff(of: { model: $of }, from: $from, to: $to) {
      subject { name } from to
      changes { aspect change key label causes { kind claimId recordedAt auditEvent { id operation actor } } }
    }
  }`;

  it('(b) exposureDiff names the retraction, and its audit event, as the cause of what disappeared', async () => {
    const { derived, edgeId, before, after } = await retractedScenario();
    const [event] = await r.sql<{ id: string }>(`SELECT id::text FROM audit_event WHERE operation = 'retractLineage' AND touched_ids @> ARRAY[$1::text]`, [
      edgeId,
    ]);
    const diff = assertNoErrors(await r.gql(DIFF, { of: derived.name, from: before, to: after })).data.exposureDiff;
    expect(diff).toMatchObject({ subject: { name: derived.name }, from: before, to: after });
    const cause = {
      kind: 'EDGE_RETRACTED',
      claimId: edgeId,
      recordedAt: expect.any(String),
      auditEvent: { id: event.id, operation: 'retractLineage', actor: expect.any(String) },
    };
    expect(diff.changes).toEqual([
      { aspect: 'COUNTRY', change: 'DISAPPEARED', key: 'CN', label: "People's Republic of China (CN)", causes: [cause] },
      { aspect: 'VENDOR', change: 'DISAPPEARED', key: expect.any(String), label: 'asof-cn-lab', causes: [cause] },
      { aspect: 'UNAVOIDABLE_VENDOR', change: 'DISAPPEARED', key: expect.any(String), label: 'asof-cn-lab', causes: [cause] },
      { aspect: 'LICENSE', change: 'DISAPPEARED', key: 'MIT', label: 'MIT', causes: [cause] },
    ]);
    // The other way round, the edge's assertion explains what appeared; nothing changed after the retraction.
    // A millisecond late: JavaScript dates drop the microseconds of created_at.
    const registered = (
      await r.sql<{ t: Date }>(`SELECT created_at + interval '1 millisecond' AS t FROM lineage_node WHERE id = $1`, [derived.id])
    )[0].t.toISOString();
    const grown = assertNoErrors(await r.gql(DIFF, { of: derived.name, from: registered, to: before })).data.exposureDiff.changes;
    expect(grown.map((c: { aspect: string; change: string }) => `${c.aspect}:${c.change}`)).toEqual([
      'COUNTRY:APPEARED',
      'VENDOR:APPEARED',
      'UNAVOIDABLE_VENDOR:APPEARED',
      'LICENSE:APPEARED',
    ]);
    expect(grown[0].causes).toEqual([
      expect.objectContaining({ kind: 'EDGE_ASSERTED', claimId: edgeId, auditEvent: expect.objectContaining({ operation: 'assertLineage' }) }),
    ]);
    expect(assertNoErrors(await r.gql(DIFF, { of: derived.name, from: after })).data.exposureDiff.changes).toEqual([]);
    // From before the subject existed, everything it has appeared; with what recorded the base (its first facts) among the causes.
    const since = assertNoErrors(await r.gql(DIFF, { of: derived.name, from: '2001-01-01T00:00:00Z', to: before })).data.exposureDiff.changes;
    expect(since.map((c: { aspect: string; change: string }) => `${c.aspect}:${c.change}`)).toEqual(
      grown.map((c: { aspect: string; change: string }) => `${c.aspect}:${c.change}`),
    );
    expect(since[0].causes.map((c: { kind: string; auditEvent: { operation: string } }) => `${c.kind}:${c.auditEvent.operation}`)).toEqual(
      expect.arrayContaining(['EDGE_ASSERTED:assertLineage', 'MODEL_FACTS:registerModel', 'ORGANIZATION_FACTS:registerOrganization']),
    );
  });

  it('(c) answers an ownership change with validFrom in the past by validAt, and combines it with asOf', async () => {
    for (const [slug, country] of [
      ['asof-us-holdco', 'US'],
      ['asof-cn-holdco', 'CN'],
    ]) {
      await newOrganization(r, slug, country);
    }
    assertNoErrors(
      await r.gql(`mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`, {
        i: { slug: 'asof-subsidiary', name: 'asof-subsidiary', kind: 'COMPANY', aliases: [], evidence: EVIDENCE },
      }),
    );
    const base = await newModel(r, { publisher: 'asof-subsidiary' });
    const model = await newModel(r);
    assertNoErrors(await assertEdge(r, model.name, base.name));
    const stake = async (owner: string, validFrom: string, validTo?: string) =>
      assertNoErrors(
        await r.gql(`mutation($i: RecordOwnershipStakeInput!) { recordOwnershipStake(input: $i) { id } }`, {
          i: { owner, owned: 'asof-subsidiary', percentage: 100, validFrom, validTo, evidence: { origin: 'THIRD_PARTY_REPORT', justification: 'filing' } },
        }),
      );
    // Held by the US holding from 2020 until its sale on 2024-01-01, recorded only now.
    await stake('asof-us-holdco', '2020-01-01', '2024-01-01');
    const beforeSale = await clock();
    await stake('asof-cn-holdco', '2024-01-01');

    const owned = async (validAt?: string, asOf?: string) => {
      const e = await exposure(model.name, asOf, validAt);
      return { countries: countries(e), vendors: e.vendors.map((v: { vendorName: string }) => v.vendorName) };
    };
    expect(await owned('2022-06-01')).toEqual({ countries: ['US'], vendors: ['asof-us-holdco'] });
    expect(await owned('2025-06-01')).toEqual({ countries: ['CN'], vendors: ['asof-cn-holdco'] });
    expect(await owned()).toEqual({ countries: ['CN'], vendors: ['asof-cn-holdco'] });
    // Before the sale was recorded, the registry knew of no owner in 2025: the subsidiary is its own vendor, of unknown country.
    expect(await owned('2025-06-01', beforeSale)).toEqual({ countries: [null], vendors: ['asof-subsidiary'] });
    expect(await owned('2022-06-01', beforeSale)).toEqual({ countries: ['US'], vendors: ['asof-us-holdco'] });

    // Judged today at both moments, the sale's recording is what moved the vendor from the subsidiary to the CN holding.
    const diff = assertNoErrors(await r.gql(DIFF, { of: model.name, from: beforeSale })).data.exposureDiff.changes;
    const stakeCause = [expect.objectContaining({ kind: 'STAKE_RECORDED', auditEvent: expect.objectContaining({ operation: 'recordOwnershipStake' }) })];
    expect(diff).toEqual([
      expect.objectContaining({ aspect: 'COUNTRY', change: 'APPEARED', key: 'CN', causes: stakeCause }),
      expect.objectContaining({ aspect: 'COUNTRY', change: 'DISAPPEARED', key: 'UNKNOWN', causes: stakeCause }),
      expect.objectContaining({ aspect: 'VENDOR', change: 'APPEARED', label: 'asof-cn-holdco', causes: stakeCause }),
      expect.objectContaining({ aspect: 'VENDOR', change: 'DISAPPEARED', label: 'asof-subsidiary', causes: stakeCause }),
      expect.objectContaining({ aspect: 'UNAVOIDABLE_VENDOR', change: 'APPEARED', label: 'asof-cn-holdco' }),
      expect.objectContaining({ aspect: 'UNAVOIDABLE_VENDOR', change: 'DISAPPEARED', label: 'asof-subsidiary' }),
    ]);
  });

  describe('refuses bad input with INVALID_INPUT naming the argument, changing nothing', () => {
    const refused = async (query: string, variables: Record<string, unknown>) => {
      const counts = await tableCounts(r);
      const res = await r.gql(query, variables);
      expect(res.data).toBeNull();
      expect(await tableCounts(r)).toEqual(counts);
      return { ...res.errors![0].extensions, message: res.errors![0].message };
    };

    it('a future asOf', async () => {
      const m = await newModel(r);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect(await refused(EXPOSURE, { of: m.name, asOf: future })).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'asOf',
        message: expect.stringMatching(/in the future/),
      });
    });

    it('an asOf before the subject was registered', async () => {
      const m = await newModel(r);
      expect(await refused(EXPOSURE, { of: m.name, asOf: '2001-01-01T00:00:00Z' })).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'asOf',
        message: expect.stringMatching(/not registered yet/),
      });
    });

    it('a diff whose from is not before to, or whose to is in the future', async () => {
      const m = await newModel(r);
      const t = await clock();
      expect(await refused(DIFF, { of: m.name, from: t, to: t })).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'from',
        message: expect.stringMatching(/not before `to`/),
      });
      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect(await refused(DIFF, { of: m.name, from: t, to: future })).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'to',
        message: expect.stringMatching(/in the future/),
      });
    });

    it('a validAt that is no calendar day', async () => {
      const m = await newModel(r);
      expect(await refused(EXPOSURE, { of: m.name, validAt: '2025-02-30' })).toMatchObject({ code: 'INVALID_INPUT', field: 'validAt' });
    });
  });
});
