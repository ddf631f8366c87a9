import { assertNoErrors, EVIDENCE, newDigest, newModel, newOrganization, RegistryProcess, startRegistry, tableCounts } from '@pedigree/testing';

/** Every bad input gets a coded error naming the field, the database is untouched, and nothing internal leaks. */
describe('bad input', () => {
  let r: RegistryProcess;
  let model: { name: string };
  let other: { name: string };
  beforeAll(async () => {
    r = await startRegistry();
    await newOrganization(r);
    model = await newModel(r);
    other = await newModel(r);
    assertNoErrors(
      await r.gql(`mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`, { i: { name: 'test-org/some-data', evidence: EVIDENCE } }),
    );
  });
  afterAll(() => r?.stop());

  const cases: [string, string, () => [string, Record<string, unknown>], string, RegExp][] = [
    [
      'invalid country',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterOrganizationInput!) { registerOrganization(input: $i) { id } }`,
        { i: { slug: 'acme', name: 'Acme', country: 'XX', kind: 'COMPANY', evidence: EVIDENCE } },
      ],
      'input.country',
      /ISO 3166-1 code/,
    ],
    [
      'invalid license expression',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        { i: { name: 'test-org/bad-license', license: 'Apache 2.0 OR', access: 'OPEN_WEIGHTS', evidence: EVIDENCE } },
      ],
      'input.license',
      /SPDX/,
    ],
    [
      'unregistered custom license',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        { i: { name: 'test-org/bad-ref', license: 'LicenseRef-nope', access: 'OPEN_WEIGHTS', evidence: EVIDENCE } },
      ],
      'input.license',
      /registerLicense/,
    ],
    [
      'bad digest format',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`,
        { i: { model: { model: model.name }, digest: 'sha256:XYZ', format: 'GGUF', registeredBy: 'ci' } },
      ],
      'input.digest',
      /64 lower-case hex/,
    ],
    [
      'unknown referenced model',
      'NOT_FOUND',
      () => [
        `mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`,
        { i: { model: { model: 'nobody/nothing' }, digest: newDigest(), format: 'GGUF', registeredBy: 'ci' } },
      ],
      'input.model.model',
      /nobody\/nothing/,
    ],
    [
      'unknown lineage source',
      'NOT_FOUND',
      () => [
        `mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`,
        {
          i: {
            model: { model: model.name },
            digest: newDigest(),
            format: 'GGUF',
            registeredBy: 'ci',
            lineage: [{ source: { model: 'ghost/base' }, relation: 'FINETUNE' }],
          },
        },
      ],
      'input.lineage[0].source.model',
      /ghost\/base/,
    ],
    [
      'relation not allowed between these kinds',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        {
          i: { name: 'test-org/wrong-kind', access: 'OPEN_WEIGHTS', evidence: EVIDENCE, lineage: [{ source: { model: model.name }, relation: 'TRAINED_ON' }] },
        },
      ],
      'input.lineage[0].source',
      /TRAINED_ON a dataset/,
    ],
    [
      'asserting the structural CHECKPOINT_OF relation',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        {
          i: {
            name: 'test-org/fake-ckpt-of',
            access: 'OPEN_WEIGHTS',
            evidence: EVIDENCE,
            lineage: [{ source: { model: model.name }, relation: 'CHECKPOINT_OF' }],
          },
        },
      ],
      'input.lineage[0].relation',
      /recorded by registerCheckpoint/,
    ],
    [
      'impossible release date',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        { i: { name: 'test-org/bad-date', access: 'OPEN_WEIGHTS', releaseDate: '2025-02-31', evidence: EVIDENCE } },
      ],
      'input.releaseDate',
      /YYYY-MM-DD/,
    ],
    [
      'NUL character in text',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        { i: { name: 'test-org/nul', access: 'OPEN_WEIGHTS', modality: 'te\u0000xt', evidence: EVIDENCE } },
      ],
      'input.modality',
      /NUL/,
    ],
    [
      'training-run dataset that is not a dataset',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`,
        {
          i: {
            model: { model: model.name },
            digest: newDigest(),
            format: 'GGUF',
            registeredBy: 'ci',
            trainingRun: { method: 'SFT', datasets: [{ model: model.name }] },
          },
        },
      ],
      'input.trainingRun.datasets[0]',
      /TRAINED_ON a dataset/,
    ],
    [
      'evidence confidence out of range',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        { i: { name: 'test-org/bad-evidence', access: 'OPEN_WEIGHTS', evidence: { ...EVIDENCE, confidence: 2 } } },
      ],
      'input.evidence.confidence',
      /0 to 1/,
    ],
    [
      'confidence too small for the database',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        { i: { name: 'test-org/tiny-confidence', access: 'OPEN_WEIGHTS', evidence: { ...EVIDENCE, confidence: 1e-308 } } },
      ],
      'input.evidence.confidence',
      /at least 0.000001/,
    ],
    [
      'a lone UTF-16 surrogate',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        { i: { name: 'test-org/surrogate', access: 'OPEN_WEIGHTS', modality: 'text\uD800', evidence: EVIDENCE } },
      ],
      'input.modality',
      /lone UTF-16 surrogate/,
    ],
    [
      'a string over its limit',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        { i: { name: 'test-org/long', access: 'OPEN_WEIGHTS', modality: 'x'.repeat(5000), evidence: EVIDENCE } },
      ],
      'input.modality',
      /over the limit of 1000/,
    ],
    [
      '10,000 lineage sources',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        {
          i: {
            name: 'test-org/wide-merge',
            access: 'OPEN_WEIGHTS',
            evidence: EVIDENCE,
            lineage: Array.from({ length: 10_000 }, () => ({ source: { model: model.name }, relation: 'MERGE' })),
          },
        },
      ],
      'input.lineage',
      /10000 items, over the limit of 64/,
    ],
    [
      'a year PostgreSQL cannot hold',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        { i: { name: 'test-org/far-future', access: 'OPEN_WEIGHTS', evidence: { ...EVIDENCE, observedAt: '+275760-09-13T00:00:00Z' } } },
      ],
      'input.evidence.observedAt',
      /year 275760/,
    ],
    [
      'a teacher snapshot on a FINETUNE edge',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        {
          i: {
            name: 'test-org/snapshot-on-finetune',
            access: 'OPEN_WEIGHTS',
            evidence: EVIDENCE,
            lineage: [{ source: { model: model.name }, relation: 'FINETUNE', teacherSnapshot: 'gpt-4-0613' }],
          },
        },
      ],
      'input.lineage[0].teacherSnapshot',
      /only meaningful for DISTILLATION and GENERATED_BY/,
    ],
    [
      'an AUXILIARY edge without a role',
      'INVALID_INPUT',
      () => [
        `mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id relation } }`,
        { i: { derived: { model: model.name }, source: { model: other.name }, relation: 'AUXILIARY', evidence: EVIDENCE } },
      ],
      'input.auxiliaryRole',
      /required for AUXILIARY.*REWARD_MODEL, JUDGE, FILTER, OTHER/,
    ],
    [
      'an auxiliary role on a DISTILLATION edge',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        {
          i: {
            name: 'test-org/role-on-distillation',
            access: 'OPEN_WEIGHTS',
            evidence: EVIDENCE,
            lineage: [{ source: { model: model.name }, relation: 'DISTILLATION', auxiliaryRole: 'JUDGE' }],
          },
        },
      ],
      'input.lineage[0].auxiliaryRole',
      /only meaningful for AUXILIARY/,
    ],
    [
      'a period of use that ends before it starts',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterDatasetInput!) { registerDataset(input: $i) { id } }`,
        {
          i: {
            name: 'test-org/backwards-period',
            evidence: EVIDENCE,
            generatedBy: [{ source: { model: model.name }, teacherSnapshot: 'gpt-4-0613', usedFrom: '2023-09-01', usedTo: '2023-06-13' }],
          },
        },
      ],
      'input.generatedBy[0].usedTo',
      /before usedFrom 2023-09-01/,
    ],
    [
      'a period of use that is not a date',
      'INVALID_INPUT',
      () => [
        `mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id relation } }`,
        { i: { derived: { model: model.name }, source: { model: other.name }, relation: 'DISTILLATION', usedFrom: 'June 2023', evidence: EVIDENCE } },
      ],
      'input.usedFrom',
      /YYYY-MM-DD/,
    ],
    [
      'an AUXILIARY edge to a dataset',
      'INVALID_INPUT',
      () => [
        `mutation($i: RegisterModelInput!) { registerModel(input: $i) { id } }`,
        {
          i: {
            name: 'test-org/auxiliary-dataset',
            access: 'OPEN_WEIGHTS',
            evidence: EVIDENCE,
            lineage: [{ source: { dataset: 'test-org/some-data' }, relation: 'AUXILIARY', auxiliaryRole: 'FILTER' }],
          },
        },
      ],
      'input.lineage[0].source',
      /AUXILIARY another model or checkpoint/,
    ],
  ];

  it.each(cases)('%s: %s naming %s, nothing written', async (_name, code, build, field, accepted) => {
    const before = await tableCounts(r);
    const [query, variables] = build();
    const res = await r.gql(query, variables);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions.code).toBe(code);
    expect(res.errors![0].extensions.field).toBe(field);
    expect(res.errors![0].message).toMatch(accepted);
    expect(JSON.stringify(res.errors)).not.toMatch(/\bSELECT\b|\bINSERT\b|\.ts:\d+|at .*\(/);
    expect(await tableCounts(r)).toEqual(before);
  });

  it('unknown relation: rejected before execution with the accepted values, nothing written, no SQL run', async () => {
    const before = await tableCounts(r);
    const res = await r.gql(`mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id } }`, {
      i: { derived: { model: model.name }, source: { model: model.name }, relation: 'BORROWED', evidence: EVIDENCE },
    });
    expect(res.errors![0].extensions.code).toBe('INVALID_INPUT');
    expect(res.errors![0].message).toContain('i.relation');
    expect(res.errors![0].message).toMatch(/Accepted: .*FINETUNE.*MERGE/);
    expect(res.sqlQueries).toBe(0);
    expect(await tableCounts(r)).toEqual(before);
  });

  it('unknown auxiliary role: rejected before execution with the accepted roles, nothing written, no SQL run', async () => {
    const before = await tableCounts(r);
    // Its own query text: graphql-jit words variable errors differently once it has compiled a query (see the test above).
    const res = await r.gql(`mutation($i: AssertLineageInput!) { assertLineage(input: $i) { id auxiliaryRole } }`, {
      i: { derived: { model: model.name }, source: { model: other.name }, relation: 'AUXILIARY', auxiliaryRole: 'TEACHER', evidence: EVIDENCE },
    });
    expect(res.errors![0].extensions.code).toBe('INVALID_INPUT');
    expect(res.errors![0].message).toContain('i.auxiliaryRole');
    expect(res.errors![0].message).toMatch(/Accepted: FILTER, JUDGE, OTHER, REWARD_MODEL/);
    expect(res.sqlQueries).toBe(0);
    expect(await tableCounts(r)).toEqual(before);
  });

  it('a failure midway through a registration rolls the whole registration back', async () => {
    const before = await tableCounts(r);
    const res = await r.gql(`mutation($i: RegisterCheckpointInput!) { registerCheckpoint(input: $i) { id } }`, {
      i: {
        model: { model: model.name },
        digest: newDigest(),
        format: 'GGUF',
        registeredBy: 'ci',
        lineage: [{ source: { model: model.name }, relation: 'QUANTIZATION' }],
        trainingRun: { method: 'QUANTIZATION', operator: 'no-such-operator' },
      },
    });
    expect(res.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.trainingRun.operator' });
    expect(await tableCounts(r)).toEqual(before);
  });
});
