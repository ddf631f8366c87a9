import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import {
  fromCycloneDx,
  ImportOptions,
  ImportPlan,
  parseModelCard,
  planEcosystemGraphs,
  planFromLineageDocument,
  planHfModelTree,
  planModelCards,
} from '@pedigree/interop';
import { licenseRefsIn } from '@pedigree/licensing';
import { CliOutput, GlobalOptions } from '../cli-output';
import { importReportJson, importReportLines } from '../import-report';
import { batchCount, ExecutionReport, executePlan, failures } from '../plan-executor';
import { exists } from '../registry-lookups';
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

export interface StrictnessFlags {
  allowPlaceholders?: boolean;
  allowUnknownLicense?: boolean;
}

/** The import options a command's flags ask for; the registry's LicenseRef- keys are looked up once. */
export async function importOptions(client: RegistryClient, flags: StrictnessFlags, refs: readonly string[] = []): Promise<ImportOptions> {
  const known = new Set<string>();
  if (flags.allowUnknownLicense) {
    for (const key of new Set(refs)) if (await exists(client, 'license', key)) known.add(key);
  }
  return { placeholders: !!flags.allowPlaceholders, unknownLicenses: !!flags.allowUnknownLicense, knownLicenseRefs: known };
}

/** The LicenseRef- keys a plan's records name, to look up before planning again with --allow-unknown-license. */
export function licenseRefsOf(plan: ImportPlan): string[] {
  return plan.ops.flatMap((op) => licenseRefsIn(typeof op.input.license === 'string' ? op.input.license : null));
}

/**
 * Plans are built before anything is written, so a malformed file changes nothing. The registry
 * then applies the plan in one transaction per batch (applyPlan), and the dry run is the same
 * call with `dryRun`, so both print the same per-item report.
 */
export async function runPlan(
  client: RegistryClient,
  output: CliOutput,
  options: GlobalOptions,
  plan: ImportPlan,
  extra: {
    lines?: string[];
    json?: Record<string, unknown>;
    /** A source of others (a public dataset): a refused cycle is reported, not a failure. */ tolerateCycles?: boolean;
    /** What to add to the report once the plan applied, read back from the registry. */
    finish?: () => Promise<{ lines: string[]; json: Record<string, unknown> }>;
  } = {},
): Promise<ExecutionReport> {
  if (!options.dryRun) await refuseUnregisteredLicenses(client, output, plan);
  const execution = await executePlan(client, plan, output, { dryRun: options.dryRun, tolerateCycles: !!extra.tolerateCycles });
  const after = execution.applied && extra.finish ? await extra.finish() : { lines: [], json: {} };
  output.result([...(extra.lines ?? []), ...importReportLines(plan, execution), ...after.lines], {
    ...(extra.json ?? {}),
    ...(importReportJson(plan, execution) as object),
    ...after.json,
  });
  const bad = failures(execution);
  if (bad.length) {
    const hint = bad.some((f) => f.code === 'NOT_FOUND')
      ? ' Register what is missing first, or pass --allow-placeholders to register it as a placeholder.'
      : '';
    const license = bad.some((f) => /LicenseRef-.* is not a registered custom license/.test(f.message ?? ''))
      ? ' An unregistered license: register it (an admin), or pass --allow-unknown-license to record it as unknown.'
      : '';
    const cycle = bad.some((f) => f.code === 'CYCLE') ? ' A declared source would close a cycle: see the loop in the report.' : '';
    const signature = bad.some((f) => f.code === 'SIGNATURE_INVALID')
      ? ' The registry refused the model signature: it must verify and come from a key or CA an admin trusts for the publisher (addTrustedSigner; docs/signatures.md).'
      : '';
    const written = execution.failedBatch && execution.failedBatch > 1 ? ` Batches before ${execution.failedBatch} were written.` : ' Nothing was written.';
    throw new CliError(
      `${bad.length} item(s) ${options.dryRun ? 'would be' : 'were'} refused; see the report above.${options.dryRun ? '' : written}${hint}${license}${cycle}${signature}`,
      bad[0].code ?? 'REFUSED',
      { reported: true },
    );
  }
  return execution;
}

/**
 * A plan larger than one batch commits batch by batch, so a LicenseRef- the registry does not hold
 * would be refused only after earlier batches were written. Checked up front, it writes nothing.
 */
async function refuseUnregisteredLicenses(client: RegistryClient, output: CliOutput, plan: ImportPlan): Promise<void> {
  if (batchCount(plan) < 2) return;
  const registeredHere = new Set(plan.ops.filter((op) => op.mutation === 'registerLicense').map((op) => String(op.input.key)));
  const users = new Map<string, number>();
  for (const key of licenseRefsOf(plan)) if (!registeredHere.has(key)) users.set(key, (users.get(key) ?? 0) + 1);
  const missing: string[] = [];
  for (const key of [...users.keys()].sort()) if (!(await exists(client, 'license', key))) missing.push(key);
  if (!missing.length) return;
  output.result(
    missing.map((key) => `${key} is not a registered custom license (named by ${users.get(key)} record(s))`),
    { applied: false, unregisteredLicenses: missing.map((key) => ({ key, records: users.get(key) })) },
  );
  throw new CliError(
    `${missing.length} license(s) the registry does not hold; nothing was written. Register them (an admin), or pass --allow-unknown-license to record them as unknown.`,
    'NOT_FOUND',
    { reported: true },
  );
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
  throw new CliError(
    `${file}: cannot tell which model this card describes. Pass --name <namespace/name> (one card) or --namespace <namespace> (the directory name is the model name).`,
    'INVALID_INPUT',
  );
}

export async function importHfCardsCommand(
  client: RegistryClient,
  output: CliOutput,
  options: GlobalOptions,
  files: string[],
  opts: { name?: string; namespace?: string } & StrictnessFlags,
) {
  if (opts.name && files.length > 1) throw new CliError('--name applies to one card; use --namespace for several.', 'INVALID_INPUT');
  const cards = [];
  for (const file of files) {
    const facts = parseModelCard(await readText(file), file);
    const name = modelNameFor(file, facts.modelName ?? null, opts, files.length > 1);
    cards.push({ name, facts: { ...facts, file: cardLabel(name) }, source: cardLabel(name) });
  }
  const label = files.length === 1 ? cards[0].source : `${files.length} model cards`;
  const first = planModelCards(cards, label, await importOptions(client, opts));
  await runPlan(
    client,
    output,
    options,
    opts.allowUnknownLicense ? planModelCards(cards, label, await importOptions(client, opts, licenseRefsOf(first))) : first,
  );
}

export async function importHfTreeCommand(client: RegistryClient, output: CliOutput, options: GlobalOptions, file: string, opts: StrictnessFlags = {}) {
  const json = await readJson(file);
  const first = planHfModelTree(json, basename(file), await importOptions(client, opts));
  await runPlan(
    client,
    output,
    options,
    opts.allowUnknownLicense ? planHfModelTree(json, basename(file), await importOptions(client, opts, licenseRefsOf(first))) : first,
    { tolerateCycles: true },
  );
}

export async function importCycloneDxCommand(client: RegistryClient, output: CliOutput, options: GlobalOptions, file: string) {
  const source = basename(file);
  await runPlan(client, output, options, planFromLineageDocument(fromCycloneDx(await readJson(file), source), source), { tolerateCycles: true });
}

export async function importEcosystemGraphsCommand(
  client: RegistryClient,
  output: CliOutput,
  options: GlobalOptions,
  file: string,
  opts: StrictnessFlags & { deployments?: boolean } = {},
) {
  const json = await readJson(file);
  const plan = (o: ImportOptions) => planEcosystemGraphs(json, basename(file), { ...o, deployments: !!opts.deployments });
  const first = plan(await importOptions(client, opts));
  await runPlan(client, output, options, opts.allowUnknownLicense ? plan(await importOptions(client, opts, licenseRefsOf(first))) : first, {
    tolerateCycles: true,
  });
}
