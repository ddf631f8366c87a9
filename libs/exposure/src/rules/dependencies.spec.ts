import { ComputeUse, DependencyFacts, ForeignOwner, servingDependency } from './dependencies';
import { ExposureKind } from './exposure-kind';
import { rollUpExposure } from './exposure.rollup';
import { buildGraph } from './graph-builder';

const { COMPUTE, SERVING, OWNERSHIP, WEIGHTS, DISTILLATION } = ExposureKind;
const org = (id: string, country: string | null) => ({ id, slug: id, name: id, country });
const aws = org('aws', 'US');
const run = (id: string, provider = aws, country: string | null = null): ComputeUse => ({
  trainingRunId: id,
  provider,
  vendor: provider,
  country,
  region: null,
});
const owner = (id: string, country: string, percentage: number): ForeignOwner => ({
  owner: org(id, country),
  ownerVendor: org(id, country),
  country,
  percentage,
  chain: [{ stakeId: `s-${id}`, ownerId: id, ownerName: id, ownedId: 'pub', ownedName: 'pub', percentage }],
});

// ours (FR) → FINETUNE → base (US, meta); ours → DISTILLATION → teacher (CN, deepseek)
const graph = () =>
  buildGraph('ours', { ours: { vendor: 'acme', country: 'FR' }, base: { vendor: 'meta', country: 'US' }, teacher: { vendor: 'deepseek', country: 'CN' } }, [
    'ours > base : FINETUNE',
    'ours > teacher : DISTILLATION',
  ]);
const facts = (compute: [string, ComputeUse[]][], owners: [string, ForeignOwner[]][] = []): DependencyFacts => ({
  compute: new Map(compute),
  owners: new Map(owners),
});
const line = (r: ReturnType<typeof rollUpExposure>, country: string | null) => r.countries.find((c) => c.country === country);
const vendor = (r: ReturnType<typeof rollUpExposure>, id: string) => r.vendors.find((v) => v.vendor.id === id);

describe('attached dependencies in exposure', () => {
  it.each([
    ['compute of the subject itself', facts([['ours', [run('r1', aws, 'IE')]]]), 'IE', COMPUTE, 0],
    ['compute of a weight ancestor', facts([['base', [run('r2', aws, 'IE')]]]), 'IE', COMPUTE, 1],
    ['ownership of a teacher publisher counts', facts([], [['teacher', [owner('holdco', 'SG', 40)]]]), 'SG', OWNERSHIP, 1],
    ['ownership of the subject publisher counts', facts([], [['ours', [owner('holdco', 'SG', 30)]]]), 'SG', OWNERSHIP, 0],
  ])('%s', (_, f, country, kind, depth) => {
    const r = rollUpExposure(graph(), new Map(), { facts: f });
    expect(line(r, country)).toMatchObject({ kinds: [kind], nearestDepth: depth, ancestorCount: 0, dependencyCount: 1 });
    expect(line(r, country)!.via!.kind).toBe(kind);
    expect(r.dependencies).toHaveLength(1);
  });

  it('leaves out the compute of a teacher: it is not on the weight paths', () => {
    const r = rollUpExposure(graph(), new Map(), { facts: facts([['teacher', [run('r3', aws, 'IE')]]]) });
    expect(line(r, 'IE')).toBeUndefined();
    expect(r.dependencies).toEqual([]);
  });

  it('adds the kind to a country an ancestor already explains, which keeps explaining it at equal depth', () => {
    const r = rollUpExposure(graph(), new Map(), { facts: facts([['base', [run('r1', aws, 'US')]]]) });
    expect(line(r, 'US')).toMatchObject({ kinds: [WEIGHTS, COMPUTE], ancestorCount: 1, dependencyCount: 1, nearestNodeId: 'base', via: null });
  });

  it('lets a nearer dependency explain a country reached by a farther ancestor', () => {
    const r = rollUpExposure(graph(), new Map(), { facts: facts([['ours', [run('r1', aws, 'CN')]]]) });
    expect(line(r, 'CN')).toMatchObject({ kinds: [DISTILLATION, COMPUTE], nearestDepth: 0, nearestNodeId: 'ours' });
    expect(line(r, 'CN')!.via!.trainingRunId).toBe('r1');
    expect(line(r, 'CN')!.path).toEqual([]);
  });

  it('gives a compute vendor its own line, never unavoidable, with the path to the trained node', () => {
    const r = rollUpExposure(graph(), new Map(), { facts: facts([['base', [run('r1')]]]) });
    expect(vendor(r, 'aws')).toMatchObject({ kinds: [COMPUTE], unavoidable: false, weightRootVendor: false, nearestNodeId: 'base' });
    expect(vendor(r, 'aws')!.path.map((e) => e.sourceId)).toEqual(['base']);
    expect(line(r, null)?.kinds).toContain(COMPUTE);
  });

  it('makes a serving vendor unavoidable only when it serves every production deployment of the system', () => {
    const own = [servingDependency('ours', { id: 'd1', name: 'chat/prod', provider: aws, vendor: aws, country: 'DE', region: 'eu-central-1' })];
    const locked = rollUpExposure(graph(), new Map(), { own, servingUnavoidable: new Set(['aws']) });
    expect(vendor(locked, 'aws')).toMatchObject({ kinds: [SERVING], unavoidable: true });
    expect(line(locked, 'DE')).toMatchObject({ kinds: [SERVING], nearestDepth: 0 });
    const free = rollUpExposure(graph(), new Map(), { own });
    expect(vendor(free, 'aws')!.unavoidable).toBe(false);
  });

  it('words each dependency so the explanation can be read on its own', () => {
    const r = rollUpExposure(graph(), new Map(), { facts: facts([['base', [run('r1', aws, 'IE')]]], [['teacher', [owner('holdco', 'SG', 40)]]]) });
    expect(r.dependencies.map((d) => d.detail)).toEqual([
      'trained on aws (US) compute, IE',
      'publisher effectively 40 % owned by holdco (SG): holdco owns 40 % of pub',
    ]);
  });
});
