import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { fromCycloneDx, ImportPlan, parseModelCard, planEcosystemGraphs, planFromLineageDocument, planHfModelTree, planModelCards } from '@pedigree/interop';
import { CliOutput, GlobalOptions } from '../cli-output';
import { importReportJson, importReportLines } from '../import-report';
import { ExecutionReport, executePlan } from '../plan-executor';
import { CliError, RegistryClient } from '../registry-client';

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 'INVALID_INPUT');
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readText(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`, 'INVALID_INPUT');
  }
}

/** Plans are built before anything is written, so a malformed file changes nothing in the registry. */
export async function runPlan(
  client: RegistryClient,
  output: CliOutput,
  options: GlobalOptions,
  plan: ImportPlan,
  extra: { lines?: string[]; json?: Record<string, unknown>; /** The caller declared this lineage: a refused cycle is a failure. */ cyclesFail?: boolean } = {},
): Promise<ExecutionReport | null> {
  const execution = options.dryRun ? null : await executePlan(client, plan, output);
  output.result([...(extra.lines ?? []), ...importReportLines(plan, execution)], { ...(extra.json ?? {}), ...(importReportJson(plan, execution, options.dryRun) as object) });
  if (execution?.failed.length) throw new CliError(`${execution.failed.length} operations failed; see the report above. Fix and re-run: applied operations are not repeated.`, 'IMPORT_FAILED', { reported: true });
  if (extra.cyclesFail && execution?.cyclesRejected.length) {
    throw new CliError(`${execution.cyclesRejected.length} declared edges were refused because they would close a cycle; see the report above.`, 'CYCLE', { reported: true });
  }
  return execution;
}

/**
 * Evidence names a card by its model, never by the path it was read from: CI workspaces change
 * path on every job, and a re-run must find the same claims to write nothing.
 */
export function cardLabel(model: string): string {
  return `${model}/README.md`;
}

/** A card names its model by `--name`, by `model_name`/`model-index`, or by `--namespace` plus its directory. */
export function modelNameFor(file: string, cardName: string | null, opts: { name?: string; namespace?: string }, many: boolean): string {
  if (opts.name && !many) return opts.name;
  if (opts.namespace) return `${opts.namespace}/${basename(dirname(resolve(file)))}`;
  if (cardName?.includes('/')) return cardName;
  throw new CliError(`${file}: cannot tell which model this card describes. Pass --name <namespace/name> (one card) or --namespace <namespace> (the directory name is the model name).`, 'INVALID_INPUT');
}

export async function importHfCardsCommand(client: RegistryClient, output: CliOutput, options: GlobalOptions, files: string[], opts: { name?: string; namespace?: string }) {
  if (opts.name && files.length > 1) throw new CliError('--name applies to one card; use --namespace for several.', 'INVALID_INPUT');
  const cards = [];
  for (const file of files) {
    const facts = parseModelCard(await readText(file), file);
    const name = modelNameFor(file, facts.modelName ?? null, opts, files.length > 1);
    cards.push({ name, facts: { ...facts, file: cardLabel(name) }, source: cardLabel(name) });
  }
  await runPlan(client, output, options, planModelCards(cards, files.length === 1 ? cards[0].source : `${files.length} model cards`), { cyclesFail: true });
}

export async function importHfTreeCommand(client: RegistryClient, output: CliOutput, options: GlobalOptions, file: string) {
  await runPlan(client, output, options, planHfModelTree(await readJson(file), basename(file)));
}

export async function importCycloneDxCommand(client: RegistryClient, output: CliOutput, options: GlobalOptions, file: string) {
  const source = basename(file);
  await runPlan(client, output, options, planFromLineageDocument(fromCycloneDx(await readJson(file), source), source));
}

export async function importEcosystemGraphsCommand(client: RegistryClient, output: CliOutput, options: GlobalOptions, file: string) {
  await runPlan(client, output, options, planEcosystemGraphs(await readJson(file), basename(file)));
}
