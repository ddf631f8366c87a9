import { ConfigError, readConfig } from './config';

describe('readConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const c = readConfig({});
    expect(c).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      poolSize: 20,
      requestTimeoutMs: 10000,
      acquireTimeoutMs: 5000,
      maxCost: 50000,
      audit: true,
      auth: true,
      graphiql: true,
      introspection: true,
      production: false,
      lineageIndex: 'memory',
      databaseUrl: null,
      perspective: null,
      ownershipExposureThreshold: 25,
    });
  });

  it('turns GraphiQL and introspection off in production unless asked', () => {
    expect(readConfig({ NODE_ENV: 'production' })).toMatchObject({ production: true, graphiql: false, introspection: false });
    expect(readConfig({ NODE_ENV: 'production', PEDIGREE_GRAPHIQL: 'on' }).graphiql).toBe(true);
    expect(readConfig({ NODE_ENV: 'development' }).production).toBe(false);
  });

  it.each([
    ['PEDIGREE_AUDIT', 'no', 'audit', false],
    ['PEDIGREE_AUDIT', 'OFF', 'audit', false],
    ['PEDIGREE_AUDIT', 'yes', 'audit', true],
    ['PEDIGREE_AUTH', '0', 'auth', false],
    ['PEDIGREE_DIAGNOSTICS', 'true', 'diagnostics', true],
    ['PORT', '0', 'port', 0],
    ['PEDIGREE_MAX_COST', ' 1200 ', 'maxCost', 1200],
    ['PEDIGREE_LINEAGE_INDEX', 'CTE', 'lineageIndex', 'cte'],
    ['PEDIGREE_PERSPECTIVE', 'fr', 'perspective', 'fr'],
    ['PEDIGREE_OWNERSHIP_EXPOSURE_THRESHOLD', '50.5', 'ownershipExposureThreshold', 50.5],
    ['PEDIGREE_OWNERSHIP_EXPOSURE_THRESHOLD', '100', 'ownershipExposureThreshold', 100],
    ['PEDIGREE_SUBSTITUTE_PARAMETER_RANGE', '2.5', 'substituteParameterRange', 2.5],
    ['DATABASE_URL', 'postgres://u:p@db:5432/x', 'databaseUrl', 'postgres://u:p@db:5432/x'],
  ])('%s=%s gives %s = %p', (name, value, key, expected) => {
    expect(readConfig({ [name]: value })[key as keyof ReturnType<typeof readConfig>]).toEqual(expected);
  });

  it.each([
    ['PEDIGREE_AUDIT', 'nope', /on or off/],
    ['PEDIGREE_DB_POOL', 'ten', /whole number from 1 to 1000/],
    ['PEDIGREE_DB_POOL', '2.5', /whole number/],
    ['PEDIGREE_DB_POOL', '0', /from 1 to/],
    ['PORT', '70000', /from 0 to 65535/],
    ['PEDIGREE_MAX_COST', '1e3', /whole number/],
    ['PEDIGREE_LINEAGE_INDEX', 'disk', /memory, cte/],
    ['PEDIGREE_LOG_LEVEL', 'loud', /info/],
    ['DATABASE_URL', 'mysql://x', /postgres/],
    ['PEDIGREE_BOOTSTRAP_TOKEN', 'pdg_short', /43 base64url/],
    ['PEDIGREE_PERSPECTIVE', 'France', /alpha-2/],
    ['PEDIGREE_OWNERSHIP_EXPOSURE_THRESHOLD', '0', /greater than 0 and at most 100/],
    ['PEDIGREE_OWNERSHIP_EXPOSURE_THRESHOLD', '100.5', /at most 100/],
    ['PEDIGREE_OWNERSHIP_EXPOSURE_THRESHOLD', '25%', /percentage/],
    ['PEDIGREE_SUBSTITUTE_PARAMETER_RANGE', '1', /greater than 1 and at most 1000/],
    ['PEDIGREE_SUBSTITUTE_PARAMETER_RANGE', 'x4', /factor/],
  ])('refuses %s=%s, naming the variable and the accepted form', (name, value, accepted) => {
    let error: unknown;
    try {
      readConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(`${name}: "${value}" is not accepted`);
    expect((error as Error).message).toMatch(accepted);
  });

  it('names every bad variable at once', () => {
    expect(() => readConfig({ PORT: 'x', PEDIGREE_AUDIT: 'maybe' })).toThrow(/PORT[\s\S]*PEDIGREE_AUDIT|PEDIGREE_AUDIT[\s\S]*PORT/);
  });
});
