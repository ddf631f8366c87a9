import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';

const MAIN = resolve(__dirname, '..', '..', '..', 'dist/apps/registry/src/main.js');

/** What the registry puts in an error's `extensions` (core's error mapper, the cost limit); the rest is unknown. */
export interface GqlErrorExtensions {
  code: string;
  field?: string;
  /** LIMIT_EXCEEDED: the setting that was exceeded, its value, and how much of the request would fit. */
  limit?: string;
  max?: number;
  fits?: { parts: number };
  [key: string]: unknown;
}

export interface GqlResponse<T = any> {
  status: number;
  data: T;
  errors?: { message: string; extensions: GqlErrorExtensions; path?: string[] }[];
  sqlQueries: number | null;
}

interface GqlBody {
  data?: any;
  errors?: GqlResponse['errors'];
  extensions?: { diagnostics?: { sqlQueries?: number } };
}

/** The admin token every test registry starts with (PEDIGREE_BOOTSTRAP_TOKEN). */
export const ADMIN_TOKEN = 'pdg_' + 'TestAdminToken0123456789_abcdefghijklmnopqrstuvwxyz'.slice(0, 43);

export interface RegistryProcess {
  url: string;
  databaseUrl: string;
  /** As the bootstrap admin. */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  /** With another token, or none (`null`). */
  gqlAs<T = any>(token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  /** Everything the process printed so far. */
  output(): string;
  /** Direct SQL on the test database, for assertions and for tampering in tests. */
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
  /** SIGKILL, as a crash: no shutdown hooks run, open transactions die with their connections. */
  crash(): Promise<void>;
}

/**
 * A real registry process on its own fresh database (`pedigree_test_<random>`), as users run it.
 * Refuses to create a database whose name does not mark it as a test database.
 */
export async function startRegistry(
  options: { demo?: boolean; env?: Record<string, string>; /** Run a second process on this one's database. */ sharing?: RegistryProcess } = {},
): Promise<RegistryProcess> {
  const admin = process.env.PEDIGREE_TEST_ADMIN_URL;
  if (!admin) throw new Error('PEDIGREE_TEST_ADMIN_URL is not set: run e2e tests through jest (global setup).');
  const url = new URL(options.sharing?.databaseUrl ?? admin);
  const name = options.sharing ? url.pathname.slice(1) : `pedigree_test_${randomBytes(6).toString('hex')}`;
  if (!name.startsWith('pedigree_test_')) throw new Error(`refusing to use non-test database ${name}`);
  if (!options.sharing) await withClient(admin, (c) => c.query(`CREATE DATABASE ${name}`));
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();

  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      PEDIGREE_READY_LINE: 'on',
      PEDIGREE_DIAGNOSTICS: 'on',
      PEDIGREE_DEMO_CATALOG: options.demo ? 'on' : 'off',
      PEDIGREE_LOG_MIGRATIONS: 'off',
      PEDIGREE_BOOTSTRAP_TOKEN: ADMIN_TOKEN,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (c: Buffer) => (printed += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (printed += c.toString()));
  const base = await waitForReady(child);
  const sqlClient = new Client({ connectionString: databaseUrl });
  await sqlClient.connect();

  return {
    url: base,
    databaseUrl,
    gql(query, variables) {
      return post(base, ADMIN_TOKEN, query, variables);
    },
    gqlAs(token, query, variables) {
      return post(base, token, query, variables);
    },
    output: () => printed,
    async sql(text, params) {
      return (await sqlClient.query(text, params as unknown[])).rows;
    },
    async crash() {
      child.kill('SIGKILL');
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    },
    async stop() {
      await sqlClient.end();
      const gone = () => child.exitCode !== null || child.signalCode !== null;
      if (!gone()) child.kill('SIGTERM');
      await new Promise((r) => (gone() ? r(null) : child.once('exit', r)));
      if (!options.sharing) await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(() => undefined);
    },
  };
}

async function post(base: string, token: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as GqlBody;
  return { status: res.status, data: body.data, errors: body.errors, sqlQueries: body.extensions?.diagnostics?.sqlQueries ?? null };
}

export function waitForReady(child: ChildProcess): Promise<string> {
  return new Promise((res, rej) => {
    let output = '';
    const timer = setTimeout(() => rej(new Error(`registry did not become ready in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /PEDIGREE_READY (\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        res(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`registry exited with ${code} before it was ready:\n${output}`));
    });
  });
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
