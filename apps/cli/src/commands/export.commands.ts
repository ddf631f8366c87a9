import { writeFile } from 'node:fs/promises';
import { CdxSpecVersion, CYCLONEDX_SPEC_VERSIONS, toCycloneDx, toSpdx, validateCycloneDx, validateSpdx } from '@pedigree/interop';
import { CliOutput } from '../cli-output';
import { fetchLineageDocument } from '../lineage-document.fetch';
import { CliError, RegistryClient } from '../registry-client';

export interface ExportOptions {
  output?: string;
  validate: boolean;
  /** CycloneDX only: 1.7 (default, with citations) or 1.6. */
  specVersion?: string;
}

/**
 * Where an export goes without `-o`: a file in the current directory named after the model
 * (`deepseek-ai/DeepSeek-R1` → `deepseek-ai_DeepSeek-R1.cdx.json`), so a BOM is never lost in a
 * terminal's scrollback and no path can escape the directory. `-o -` is stdout, for pipes.
 */
export function defaultExportFile(model: string, extension: string): string {
  return `${model.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')}${extension}`;
}

/**
 * Writes the BOM. Every document is validated before it leaves: a BOM that other tools would
 * reject is an error here, not a surprise downstream.
 */
async function emit(output: CliOutput, document: unknown, kind: string, file: string, errors: string[]): Promise<void> {
  if (errors.length) throw new CliError(`The ${kind} document failed validation:\n  ${errors.slice(0, 20).join('\n  ')}`, 'INVALID_EXPORT');
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (file === '-') {
    process.stdout.write(text);
    return;
  }
  await writeFile(file, text);
  output.result(`wrote ${kind} to ${file}`, { written: file, format: kind });
}

export async function exportCycloneDxCommand(client: RegistryClient, output: CliOutput, model: string, opts: ExportOptions): Promise<void> {
  const specVersion = opts.specVersion ?? '1.7';
  if (!(CYCLONEDX_SPEC_VERSIONS as readonly string[]).includes(specVersion))
    throw new CliError(`--spec-version "${specVersion}" is not supported. Accepted: ${CYCLONEDX_SPEC_VERSIONS.join(', ')}.`, 'USAGE');
  const bom = toCycloneDx(await fetchLineageDocument(client, model), { specVersion: specVersion as CdxSpecVersion });
  const errors = opts.validate ? (await validateCycloneDx(bom)).errors : [];
  await emit(output, bom, `CycloneDX ${specVersion}`, opts.output ?? defaultExportFile(model, '.cdx.json'), errors);
}

export async function exportSpdxCommand(client: RegistryClient, output: CliOutput, model: string, opts: ExportOptions): Promise<void> {
  const spdx = toSpdx(await fetchLineageDocument(client, model));
  const errors = opts.validate ? validateSpdx(spdx).errors : [];
  await emit(output, spdx, 'SPDX 3.0.1', opts.output ?? defaultExportFile(model, '.spdx.json'), errors);
}
