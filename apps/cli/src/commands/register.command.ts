import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ImportOp, ImportPlan, parseModelCard, planModelCards } from '@pedigree/interop';
import { CliOutput, GlobalOptions } from '../cli-output';
import { formatBytes } from '../human-format';
import { cardLabel, importOptions, licenseRefsOf, modelNameFor, runPlan, StrictnessFlags } from './import.commands';
import { exists } from '../registry-lookups';
import { CliError, RegistryClient } from '../registry-client';
import { parseTrainingRunYaml, TrainingRunFlags, trainingRunInput } from '../training-run.file';
import { readSignedModel, RegisteredSignature, SignedModel, signerLabel } from '../signed-model';
import { findWeightFiles, formatFromFiles, hashWeights, noWeightFiles, WeightsManifest } from '../weights-manifest';
import { checkPolicies } from './policy-check';

export interface RegisterOptions extends TrainingRunFlags, StrictnessFlags {
  name?: string;
  namespace?: string;
  format?: string;
  registeredBy: string;
  trainingRun?: string;
  uri?: string[];
  check?: boolean;
  /** An OMS v1.0 signature (`model.sig`) of the model directory. */
  signature?: string;
}

async function readCard(dir: string): Promise<string | null> {
  try {
    return await readFile(join(dir, 'README.md'), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function trainingRunFrom(opts: RegisterOptions): Promise<Record<string, unknown> | undefined> {
  if (opts.trainingRun) return parseTrainingRunYaml(await readFile(opts.trainingRun, 'utf8'), opts.trainingRun);
  const given = opts.method || opts.dataset?.length || opts.teacher?.length || opts.computeCountry || opts.computeProvider || opts.operator;
  return given ? trainingRunInput(opts, 'flags') : undefined;
}

/**
 * Hashes the weights, reads the card, and registers model, lineage and checkpoint through the
 * same idempotent mutations an import uses: running it twice writes nothing the second time.
 */
export async function registerCommand(client: RegistryClient, output: CliOutput, options: GlobalOptions, dir: string, opts: RegisterOptions): Promise<void> {
  if (!(await stat(dir).catch(() => null))?.isDirectory()) throw new CliError(`${dir} is not a directory`, 'INVALID_INPUT');
  const cardText = await readCard(dir);
  const facts = cardText === null ? null : parseModelCard(cardText, join(dir, 'README.md'));
  const name = modelNameFor(join(dir, 'README.md'), facts?.modelName ?? null, opts, false);
  const trainingRun = await trainingRunFrom(opts);

  // With a signature, every file is hashed once (weights included) and checked before anything is sent.
  const signed = opts.signature ? await readSignedModel(dir, opts.signature, (total) => output.progress(total, 'hashed', 'bytes')) : null;
  const manifest = signed?.weights ?? (await hashWeightFiles(dir, output));

  const label = cardLabel(name);
  const planCard = async (refs: string[] = []): Promise<ImportPlan> =>
    facts
      ? planModelCards([{ name, facts: { ...facts, file: label }, source: label }], label, await importOptions(client, opts, refs))
      : { source: name, ops: [], findings: [], counts: {} };
  let cardPlan = await planCard();
  if (opts.allowUnknownLicense) cardPlan = await planCard(licenseRefsOf(cardPlan));
  // A later checkpoint of a model someone registered with richer facts must not fail on them.
  for (const op of cardPlan.ops)
    if (op.mutation === 'registerModel' && String(op.input.name).toLowerCase() === name.toLowerCase()) op.onlyIfAbsent = { query: 'model', name };
  const checkpoint: ImportOp = {
    mutation: 'registerCheckpoint',
    label: `checkpoint ${manifest.digest}`,
    input: {
      model: { model: name },
      digest: manifest.digest,
      format: (opts.format ?? formatFromFiles(manifest.files)).toUpperCase(),
      sizeBytes: manifest.sizeBytes,
      registeredBy: opts.registeredBy,
      ...(opts.uri?.length ? { uris: opts.uri } : {}),
      ...(trainingRun ? { trainingRun } : {}),
      ...(signed ? { signature: { bundle: signed.bundle, files: signed.files.map((f) => ({ path: f.path, sha256: f.sha256 })) } } : {}),
    },
  };
  const placeholders = opts.allowPlaceholders && trainingRun ? trainingRunPlaceholders(trainingRun, cardPlan) : [];
  const plan: ImportPlan = {
    ...cardPlan,
    source: name,
    ops: [...placeholders, ...cardPlan.ops, checkpoint],
    counts: { ...cardPlan.counts, weightFiles: manifest.files.length, bytes: manifest.sizeBytes },
  };
  const alreadyRegistered = await exists(client, 'checkpoint', manifest.digest);
  const lines = [
    `model      ${name}`,
    `checkpoint ${manifest.digest}  (${manifest.files.length} weight files, ${formatBytes(manifest.sizeBytes)})${alreadyRegistered ? '  already registered' : ''}`,
    ...manifest.files.map((f) => `  ${f.sha256}  ${f.path}`),
    ...(signed ? [`signature  ${opts.signature}: all ${signed.files.length} files match the signed manifest; the registry verifies who signed`] : []),
  ];
  if (opts.check) return checkPolicies(client, output, plan, lines);
  await runPlan(client, output, options, plan, {
    lines,
    json: { model: name, digest: manifest.digest, files: manifest.files, sizeBytes: manifest.sizeBytes, alreadyRegistered },
    finish: signed && !options.dryRun ? () => signatureReport(client, manifest.digest, signed) : undefined,
  });
}

async function hashWeightFiles(dir: string, output: CliOutput): Promise<WeightsManifest> {
  const weights = await findWeightFiles(dir);
  if (!weights.length) throw noWeightFiles(dir);
  const progress = output.progress(
    weights.reduce((n, f) => n + f.sizeBytes, 0),
    'hashed',
    'bytes',
  );
  return hashWeights(dir, (n) => progress.increment(n)).finally(() => progress.stop());
}

/** What the registry recorded once the plan applied: the status it verified, and who signed. */
async function signatureReport(client: RegistryClient, digest: string, signed: SignedModel): Promise<{ lines: string[]; json: Record<string, unknown> }> {
  const { checkpoint } = await client.request<{ checkpoint: { signature: RegisteredSignature } | null }>(
    `query($d: String!) { checkpoint(digest: $d) { signature { status verifiedAt signer { method fingerprint subject issuer } } } }`,
    { d: digest },
  );
  const s = checkpoint?.signature ?? null;
  const who = s?.signer ? signerLabel(s.signer) : 'no signer';
  return {
    lines: [`signature  ${s?.status ?? 'UNKNOWN'}  ${who}${s?.verifiedAt ? `  verified ${s.verifiedAt}` : ''}`],
    json: { signature: { ...s, files: signed.files.length } },
  };
}

/**
 * With --allow-placeholders, the training run's datasets the card does not already plan become
 * placeholders, registered only if absent (the card planner does the same for its own datasets).
 */
function trainingRunPlaceholders(run: Record<string, unknown>, plan: ImportPlan): ImportOp[] {
  const planned = new Set(plan.ops.map((o) => String(o.input.name ?? '').toLowerCase()));
  const datasets = ((run.datasets as { dataset?: string }[] | undefined) ?? []).flatMap((d) => (d.dataset ? [d.dataset] : []));
  return datasets
    .filter((d) => !planned.has(d.toLowerCase()))
    .map((d) => ({
      mutation: 'registerDataset' as const,
      label: `placeholder dataset "${d}"`,
      onlyIfAbsent: { query: 'dataset' as const, name: d },
      input: {
        name: d,
        placeholder: true,
        evidence: {
          origin: 'PIPELINE_DECLARATION',
          justification: `Placeholder: named as a training dataset by the training run of ${plan.source}`,
          confidence: 0.5,
        },
      },
    }));
}
