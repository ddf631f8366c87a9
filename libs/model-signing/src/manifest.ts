import { FileDigest, SignatureProblem, SignatureRule, SignedResource, SignedSerialization } from './model-signing.types';

/** §6.2: excluded by default, matched as top-level path components. */
export const DEFAULT_IGNORE_PATHS = ['.git', '.gitignore', '.gitattributes', '.github'] as const;

/**
 * §6.2.1: an ignore entry matches the exact relative path or its subtree, never a path that merely
 * contains it. `signatureFile` (the bundle's own path relative to the model root) is always excluded.
 */
export function isIgnored(path: string, ignorePaths: readonly string[], signatureFile?: string): boolean {
  const entries = [...DEFAULT_IGNORE_PATHS, ...ignorePaths, ...(signatureFile ? [signatureFile] : [])];
  return entries.some((p) => path === p || path.startsWith(`${p.replace(/\/+$/, '')}/`));
}

/** §6.1.2: `/` separators, no `.` components or doubled separators, never absolute or above the root. */
export function canonicalPath(path: string): string | null {
  const parts = path.split(/[\\/]+/).filter((p) => p && p !== '.');
  if (/^[\\/]/.test(path) || parts.includes('..') || !parts.length) return null;
  return parts.join('/');
}

/**
 * §8.4 rules 8 and 9: every signed file present with its digest, no file present unsigned. `files`
 * are the model's files as found, before exclusions; the signed `ignore_paths` are applied here.
 */
export function compareManifest(
  resources: readonly SignedResource[],
  serialization: Pick<SignedSerialization, 'ignorePaths'>,
  files: readonly FileDigest[],
  signatureFile?: string,
): SignatureProblem[] {
  const problems: SignatureProblem[] = [];
  const found = new Map<string, string>();
  for (const f of files) {
    // Exactly canonical, or refused: were `a\b`, `./a` or `a//b` folded onto `a/b`, one name
    // could stand for two files, and the signed one shadow a tampered one beside it.
    const path = canonicalPath(f.path);
    if (path === null || path !== f.path || f.path.includes('\\'))
      problems.push({ rule: SignatureRule.FILE_UNSIGNED, message: `"${f.path}" is not a canonical relative path inside the model`, file: f.path });
    else if (found.has(path)) problems.push({ rule: SignatureRule.FILE_UNSIGNED, message: `"${f.path}" is listed more than once`, file: f.path });
    else if (!isIgnored(path, serialization.ignorePaths, signatureFile)) found.set(path, f.sha256.toLowerCase().replace(/^sha256:/, ''));
  }
  for (const r of resources) {
    const digest = found.get(r.name);
    if (digest === undefined) problems.push({ rule: SignatureRule.FILE_MISSING, message: `signed file "${r.name}" is missing`, file: r.name });
    else if (digest !== r.digest.toLowerCase())
      problems.push({ rule: SignatureRule.FILE_MISMATCH, message: `"${r.name}" does not match its signed digest (tampered or changed)`, file: r.name });
    found.delete(r.name);
  }
  for (const path of [...found.keys()].sort())
    problems.push({ rule: SignatureRule.FILE_UNSIGNED, message: `"${path}" is in the model but not in the signature (unsigned extra file)`, file: path });
  return problems;
}
