import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { EmbeddedRegistry, freePort, isRunning, postmasterPid, startBareCluster, startEmbeddedRegistry } from './support/embedded-registry';
import { metric, waitFor } from './support/probes';

const ORG = `query($s: String!) { organization(slug: $s) { name } }`;
const REGISTER_ORG = `mutation($s: String!) { registerOrganization(input: { slug: $s, name: $s, country: "DE", kind: COMPANY,
  evidence: { origin: AUDIT_FINDING, justification: "crash test" } }) { id } }`;

/** Crashes nobody attends to: the API killed with SIGKILL, a lock file naming someone else, the postmaster killed. */
describe('the embedded database recovers from crashes by itself', () => {
  // Each test has its own data directory, port and registry, so any one of them runs alone (-t).
  let dataRoot: string;
  let otherRoot: string;
  let pgPort: number;
  let registry: EmbeddedRegistry | null = null;
  let other: { stop(): Promise<void> } | null = null;

  beforeEach(async () => {
    dataRoot = mkdtempSync(join(tmpdir(), 'pedigree-crash-'));
    otherRoot = mkdtempSync(join(tmpdir(), 'pedigree-other-'));
    pgPort = await freePort();
  });
  afterEach(async () => {
    await registry?.stop();
    registry = null;
    await other?.stop();
    other = null;
    const left = postmasterPid(dataRoot);
    if (left && isRunning(left)) process.kill(left, 'SIGINT');
    rmSync(dataRoot, { recursive: true, force: true });
    rmSync(otherRoot, { recursive: true, force: true });
  });

  /** A running registry on this test's directory that holds one organization, `before-kill-9`. */
  async function startWithData(): Promise<EmbeddedRegistry> {
    registry = await startEmbeddedRegistry(dataRoot, pgPort);
    expect((await registry.gql(REGISTER_ORG, { s: 'before-kill-9' })).errors).toBeUndefined();
    return registry;
  }

  it('after kill -9 of the API, the next start stops the orphaned postmaster and serves the same data', async () => {
    registry = await startWithData();
    const orphan = postmasterPid(dataRoot)!;
    registry.child.kill('SIGKILL');
    await registry.exited;
    // The situation to recover from: PostgreSQL outlives the API and still holds the directory.
    expect(isRunning(orphan)).toBe(true);

    registry = await startEmbeddedRegistry(dataRoot, pgPort);
    expect(registry.output()).toMatch(/left running by a previous run/);
    expect(isRunning(orphan)).toBe(false);
    expect(postmasterPid(dataRoot)).not.toBe(orphan);
    expect((await registry.gql(ORG, { s: 'before-kill-9' })).data.organization).toEqual({ name: 'before-kill-9' });
  });

  it('a postmaster.pid naming a live server of another directory blocks nothing, and that server is left alone', async () => {
    expect(await (await startWithData()).stop()).toBe(0);
    other = await startBareCluster(join(otherRoot, 'postgres'));
    const foreign = postmasterPid(otherRoot)!;
    // As if our crashed server's pid had been reused by another cluster: PostgreSQL alone refuses to start then.
    const lock = join(dataRoot, 'postgres', 'postmaster.pid');
    writeFileSync(lock, `${foreign}\n${join(dataRoot, 'postgres')}\n${Math.floor(Date.now() / 1000)}\n${pgPort}\n`, { mode: 0o600 });
    if (userInfo().uid === 0) chownSync(lock, ...postgresIds());

    registry = await startEmbeddedRegistry(dataRoot, pgPort);
    expect(registry.output()).toMatch(/stale postmaster\.pid/);
    expect(isRunning(foreign)).toBe(true);
    expect(postmasterPid(otherRoot)).toBe(foreign);
    expect((await registry.gql(ORG, { s: 'before-kill-9' })).data.organization).toEqual({ name: 'before-kill-9' });
  });

  it('a second API on the same directory is refused, and the running one keeps its server', async () => {
    registry = await startEmbeddedRegistry(dataRoot, pgPort);
    const serving = postmasterPid(dataRoot)!;
    await expect(startEmbeddedRegistry(dataRoot, pgPort)).rejects.toThrow(/already serving .* for the running process/);
    expect(postmasterPid(dataRoot)).toBe(serving);
    expect(isRunning(serving)).toBe(true);
    expect((await fetch(`${registry!.url}/health/ready`)).status).toBe(200);
  });

  it('after kill -9 of the postmaster under a running API, the API restarts it and the pool and listener recover', async () => {
    const r = await startWithData();
    const dead = postmasterPid(dataRoot)!;
    process.kill(dead, 'SIGKILL');
    await waitFor('readiness reports the outage', async () => (await fetch(`${r.url}/health/ready`)).status === 503, 10_000);
    await waitFor('readiness recovers', async () => (await fetch(`${r.url}/health/ready`)).status === 200, 60_000, 200);
    expect(r.child.exitCode).toBeNull();
    const restarted = postmasterPid(dataRoot)!;
    expect(restarted).not.toBe(dead);
    expect(isRunning(restarted)).toBe(true);
    expect(r.output()).toMatch(/embedded PostgreSQL exited unexpectedly/);
    expect(r.output()).toMatch(/embedded PostgreSQL restarted/);
    expect((await r.gql(ORG, { s: 'before-kill-9' })).data.organization).toEqual({ name: 'before-kill-9' });
    expect((await r.gql(REGISTER_ORG, { s: 'after-postmaster-kill' })).errors).toBeUndefined();
    await waitFor('the lineage listener reconnects', async () => (await metric(r.url, 'pedigree_lineage_listener_connected')) === 1, 35_000);
  });

  it('when PostgreSQL keeps dying, the API gives up and exits non-zero with a clear message for its supervisor', async () => {
    const r = (registry = await startEmbeddedRegistry(dataRoot, pgPort));
    const ready = async () => (await fetch(`${r.url}/health/ready`)).status === 200;
    // Each death after a completed restart: five are restarted, the sixth is one too many.
    for (let i = 0; i < 6 && r.child.exitCode === null; i++) {
      await waitFor('the restarted server is ready', async () => r.child.exitCode !== null || (await ready()), 60_000, 100);
      if (r.child.exitCode !== null) break;
      process.kill(postmasterPid(dataRoot)!, 'SIGKILL');
      await waitFor('readiness reports the outage', async () => r.child.exitCode !== null || !(await ready()), 10_000);
    }
    expect(await r.exited).toBe(1);
    registry = null;
    expect(r.output()).toMatch(/embedded PostgreSQL died 6 times in 10 minutes/);
    // Nothing is left holding the directory: the supervisor's next start is a plain one.
    const left = postmasterPid(dataRoot);
    expect(left === null || !isRunning(left)).toBe(true);
  });
});

function postgresIds(): [number, number] {
  return [Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString())];
}
