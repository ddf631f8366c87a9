import { writeFile } from 'node:fs/promises';
import { toCycloneDx, toSpdx, validateCycloneDx, validateSpdx } from '@pedigree/interop';
import { CliOutput } from '../cli-output';
import { fetchLineageDocument } from '../lineage-document.fetch';
import { CliError, RegistryClient } from '../registry-client';

export interface ExportOptions {
  output?: string;
  validate: boolean;
}

/**
 * Writes the BOM to a file or stdout. Every document is validated before it leaves: a BOM that
 * other tools would reject is an error here, not a surprise downstream.
 */
async function emit(output: CliOutput, document: unknown, kind: string, opts: ExportOptions, errors: string[]): Promise<void> {
  if (errors.length) throw new CliError(`The ${kind} document failed validation:\n  ${errors.slice(0, 20).join('\n  ')}`, 'INVALID_EXPORT');
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (opts.output) {
    await writeFile(opts.output, text);
    output.result(`wrote ${kind} to ${opts.output}`, { written: opts.output, format: kind });
  } else process.stdout.write(text);
}

export async function exportCycloneDxCommand(client: RegistryClient, output: CliOutput, model: string, opts: ExportOptions): Promise<void> {
  const bom = toCycloneDx(await fetchLineageDocument(client, model));
  const errors = opts.validate ? (await validateCycloneDx(bom)).errors : [];
  await emit(output, bom, 'CycloneDX 1.6', opts, errors);
}

export async function exportSpdxCommand(client: RegistryClient, output: CliOutput, model: string, opts: ExportOptions): Promise<void> {
  const spdx = toSpdx(await fetchLineageDocument(client, model));
  const errors = opts.validate ? validateSpdx(spdx).errors : [];
  await emit(output, spdx, 'SPDX 3.0.1', opts, errors);
}
