import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { ADMIN_TOKEN, RegistryProcess } from './registry-process';

const BIN = resolve(__dirname, '..', '..', '..', 'bin/pedigree.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed, for `--json` runs. */
  json<T = any>(): T;
}

/** Runs the real `pedigree` binary against a test registry, as a pipeline would. */
export function runCli(registry: RegistryProcess | null, args: string[], env: Record<string, string> = {}, cwd?: string): Promise<CliRun> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {
        ...process.env,
        PEDIGREE_URL: registry ? `${registry.url}/graphql` : 'http://127.0.0.1:9/graphql',
        PEDIGREE_TOKEN: ADMIN_TOKEN,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', rej);
    child.once('exit', (code) =>
      res({
        code: code ?? -1,
        stdout,
        stderr,
        json() {
          return JSON.parse(stdout);
        },
      }),
    );
  });
}
