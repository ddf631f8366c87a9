import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { compareManifest, isIgnored, readSignedManifest, SignatureProblem, SignatureRule, SignedSerialization, WEIGHT_FILE } from '@pedigree/model-signing';
import { CliError } from './registry-client';
import { manifestOf, noWeightFiles, sha256OfFile, WeightFile, WeightsManifest } from './weights-manifest';

/** A model directory checked against its OMS signature, ready to send with the registration. */
export interface SignedModel {
  /** The `model.sig` JSON exactly as read: the registry verifies these bytes. */
  bundle: string;
  /** Every file the signature's serialization covers, hashed here (OMS v1.0 §6.3.1), by path. */
  files: WeightFile[];
  /** The weight files among them: the checkpoint digest the registry recomputes from the signed digests. */
  weights: WeightsManifest;
}

/** `Checkpoint.signature` as the registry answers it. */
export interface RegisteredSignature {
  status: string;
  verifiedAt: string | null;
  signer: { method: string; fingerprint: string; subject: string | null; issuer: string | null } | null;
}

/** Who signed, in one line for reports and BOMs: the key's fingerprint, or the certificate's subject and issuer. */
export function signerLabel(signer: NonNullable<RegisteredSignature['signer']>): string {
  return signer.method === 'key' ? `key sha256:${signer.fingerprint}` : `${signer.subject} (issuer ${signer.issuer})`;
}

interface FoundFile {
  path: string;
  absolute: string;
  sizeBytes: number;
}

/** Where the signature file sits relative to the model root, when inside it (§6.2: always excluded). */
function signatureInside(dir: string, signaturePath: string): string | undefined {
  const rel = relative(resolve(dir), resolve(signaturePath));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : undefined;
}

async function readBundle(signaturePath: string): Promise<string> {
  try {
    return await readFile(signaturePath, 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read the signature ${signaturePath}: ${(err as Error).message}`, 'INVALID_INPUT');
  }
}

/**
 * §6.3.1 "files" serialization: every regular file under the root, by `/`-separated relative path,
 * except the signed `ignore_paths` (plus §6.2's defaults) and the signature itself. Dot files count,
 * unlike the weights-only walk: an unsigned `.env` beside the weights is an unsigned extra file.
 * A symlink is refused unless the signer allowed them, and then followed (§6.1.3).
 */
export async function modelFiles(
  dir: string,
  serialization: Pick<SignedSerialization, 'ignorePaths' | 'allowSymlinks'>,
  signatureFile?: string,
): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  const refused: string[] = [];
  // A symlinked directory is listed under every path that reaches it, as the reference tool does;
  // only one that leads back into its own ancestors (a loop) is refused.
  const visit = async (current: string, ancestors: ReadonlySet<string>): Promise<void> => {
    const real = await realpath(current);
    if (ancestors.has(real)) {
      refused.push(`"${relative(dir, current).split(sep).join('/')}" links back to a directory that contains it (a symlink loop)`);
      return;
    }
    const inside = new Set(ancestors).add(real);
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const absolute = join(current, entry.name);
      const path = relative(dir, absolute).split(sep).join('/');
      if (isIgnored(path, serialization.ignorePaths, signatureFile)) continue;
      if (entry.isSymbolicLink() && !serialization.allowSymlinks) {
        refused.push(`"${path}" is a symbolic link, and the signature does not allow them (allow_symlinks: false)`);
        continue;
      }
      const s = entry.isSymbolicLink() ? await stat(absolute).catch(() => null) : null;
      if (entry.isDirectory() || s?.isDirectory()) await visit(absolute, inside);
      else if (entry.isFile() || s?.isFile()) found.push({ path, absolute, sizeBytes: (s ?? (await stat(absolute))).size });
      else refused.push(`"${path}" is not a regular file`);
    }
  };
  await visit(resolve(dir), new Set());
  if (refused.length) throw new CliError(`Cannot hash ${dir} as the signature describes it; nothing was sent:\n  ${refused.join('\n  ')}`, 'INVALID_INPUT');
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const PROBLEM_LABEL: Partial<Record<SignatureRule, string>> = {
  [SignatureRule.FILE_UNSIGNED]: 'unsigned extra file',
  [SignatureRule.FILE_MISMATCH]: 'changed since signing (digest differs)',
  [SignatureRule.FILE_MISSING]: 'signed but missing',
};

/** One line per file, so a pipeline log says which file to look at. */
export function manifestMismatch(dir: string, signaturePath: string, problems: readonly SignatureProblem[]): CliError {
  const lines = problems.map((p) => (p.file && PROBLEM_LABEL[p.rule] ? `${PROBLEM_LABEL[p.rule]}: ${p.file}` : p.message));
  return new CliError(
    `${dir} does not match the signature ${signaturePath} (${problems.length} file problem(s)); nothing was sent or written:\n  ${lines.join('\n  ')}`,
    'SIGNATURE_INVALID',
    { problems },
  );
}

/**
 * Re-hashes the model as the signature's serialization says and compares it with the signed
 * manifest before anything is sent. Who signed, and whether the signature verifies, is the
 * registry's check: it holds the keys and CAs each publisher trusts.
 */
export async function readSignedModel(
  dir: string,
  signaturePath: string,
  progress: (totalBytes: number) => { increment(n: number): void; stop(): void },
): Promise<SignedModel> {
  const bundle = await readBundle(signaturePath);
  const signed = readSignedManifest(bundle);
  const unusable = signed.problems.filter((p) => p.rule === SignatureRule.BUNDLE_FORMAT || p.rule === SignatureRule.UNSUPPORTED_SERIALIZATION);
  if (!signed.serialization || unusable.length) {
    const why = (unusable.length ? unusable : signed.problems).map((p) => p.message);
    throw new CliError(`${signaturePath} is not an OMS v1.0 model signature this CLI can check:\n  ${why.join('\n  ')}`, 'SIGNATURE_INVALID');
  }
  const signatureFile = signatureInside(dir, signaturePath);
  const found = await modelFiles(dir, signed.serialization, signatureFile);
  if (!found.some((f) => WEIGHT_FILE.test(f.path))) throw noWeightFiles(dir);
  const bar = progress(found.reduce((n, f) => n + f.sizeBytes, 0));
  const files: WeightFile[] = [];
  try {
    for (const f of found) files.push({ path: f.path, sizeBytes: f.sizeBytes, sha256: await sha256OfFile(f.absolute, (n) => bar.increment(n)) });
  } finally {
    bar.stop();
  }
  const problems = compareManifest(signed.resources, signed.serialization, files, signatureFile);
  if (problems.length) throw manifestMismatch(dir, signaturePath, problems);
  return { bundle, files, weights: manifestOf(files.filter((f) => WEIGHT_FILE.test(f.path))) };
}
