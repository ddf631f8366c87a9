import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { checkpointDigestOf, WEIGHT_FILE, weightsManifestText } from '@pedigree/model-signing';
import { CliError } from './registry-client';

export interface WeightFile {
  /** Path relative to the model directory, with `/` separators. */
  path: string;
  sizeBytes: number;
  /** 64 lower-case hex characters. */
  sha256: string;
}

export interface WeightsManifest {
  files: WeightFile[];
  sizeBytes: number;
  /** `sha256:` + the sha256 of `manifestText`. */
  digest: string;
  /** `sha256sum` output for the files, sorted by path: `<hex>  <path>\n` per file. */
  manifestText: string;
}

/** The refusal of a directory without weights, whichever way it was hashed. */
export function noWeightFiles(dir: string): CliError {
  return new CliError(`${dir} holds no weight files (.safetensors, .bin, .gguf, .onnx, .pt, …)`, 'INVALID_INPUT');
}

export function formatFromFiles(files: readonly WeightFile[]): string {
  const ext = files[0]?.path.split('.').pop()?.toLowerCase();
  const byExt: Record<string, string> = {
    safetensors: 'SAFETENSORS',
    gguf: 'GGUF',
    onnx: 'ONNX',
    bin: 'PYTORCH',
    pt: 'PYTORCH',
    pth: 'PYTORCH',
    ckpt: 'PYTORCH',
    h5: 'TENSORFLOW',
    msgpack: 'FLAX',
  };
  return (ext && byExt[ext]) ?? 'OTHER';
}

export async function findWeightFiles(dir: string): Promise<{ path: string; absolute: string; sizeBytes: number }[]> {
  const found: { path: string; absolute: string; sizeBytes: number }[] = [];
  const visit = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const absolute = join(current, entry.name);
      if (entry.isDirectory()) await visit(absolute);
      else if (entry.isFile() && WEIGHT_FILE.test(entry.name)) {
        found.push({ path: relative(dir, absolute).split(sep).join('/'), absolute, sizeBytes: (await stat(absolute)).size });
      }
    }
  };
  await visit(dir);
  // Byte order, not locale order, so every machine computes the same manifest.
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function manifestOf(files: WeightFile[]): WeightsManifest {
  // One home for the rule: the registry recomputes a signed checkpoint's digest the same way.
  const manifestText = weightsManifestText(files);
  const digest = checkpointDigestOf(files);
  return { files, sizeBytes: files.reduce((n, f) => n + f.sizeBytes, 0), digest, manifestText };
}

/**
 * Streams every weight file once (constant memory whatever the size). The checkpoint digest is
 * the sha256 of the `sha256sum`-format manifest, so anyone can check it with coreutils:
 * `cd <dir> && sha256sum <files in byte order> | sha256sum`.
 */
export async function hashWeights(dir: string, onBytes: (n: number) => void = () => undefined): Promise<WeightsManifest> {
  const files: WeightFile[] = [];
  for (const f of await findWeightFiles(dir)) files.push({ path: f.path, sizeBytes: f.sizeBytes, sha256: await sha256OfFile(f.absolute, onBytes) });
  return manifestOf(files);
}

/** Hex SHA-256 of a file, streamed in 4 MiB chunks (constant memory whatever the size). */
export async function sha256OfFile(absolute: string, onBytes: (n: number) => void = () => undefined): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(absolute, { highWaterMark: 4 << 20 })) {
    hash.update(chunk as Buffer);
    onBytes((chunk as Buffer).length);
  }
  return hash.digest('hex');
}
