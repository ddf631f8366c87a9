import { createHash } from 'node:crypto';
import { FileDigest } from './model-signing.types';

/** File names that hold weights. Anything else (configs, tokenizers, cards) does not change a checkpoint's digest. */
export const WEIGHT_FILE = /\.(safetensors|bin|pt|pth|ckpt|gguf|onnx|h5|msgpack|npz|mlmodel|tflite)$/i;

/** `sha256sum` output for the weight files, in byte order of path: `<hex>  <path>\n` per file. */
export function weightsManifestText(files: readonly FileDigest[]): string {
  return files
    .filter((f) => WEIGHT_FILE.test(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256.replace(/^sha256:/, '')}  ${f.path}\n`)
    .join('');
}

/**
 * Pedigree's checkpoint digest: `sha256:` + SHA-256 of the weights' `sha256sum` manifest. The
 * registry recomputes it from the signed file digests, binding the checkpoint to its signature.
 */
export function checkpointDigestOf(files: readonly FileDigest[]): string {
  return `sha256:${createHash('sha256').update(weightsManifestText(files)).digest('hex')}`;
}
