import { parseDocument } from 'yaml';
import { CliError } from './registry-client';

const METHODS = ['CONTINUED_PRETRAINING', 'DISTILLATION', 'DPO', 'GRPO', 'LORA', 'MERGE', 'QLORA', 'QUANTIZATION', 'RLHF', 'SFT'];
const KEYS = ['method', 'datasets', 'teachers', 'computeCountry', 'computeProvider', 'computeRegion', 'operator', 'startedAt', 'endedAt', 'hyperparameters'];

export interface TrainingRunFlags {
  method?: string;
  dataset?: string[];
  teacher?: string[];
  computeCountry?: string;
  computeProvider?: string;
  computeRegion?: string;
  operator?: string;
}

function fail(file: string, line: number | null, message: string): never {
  throw new CliError(`${file}${line ? `:${line}` : ''}: ${message}`, 'INVALID_INPUT', { file, line });
}

/**
 * The training-run YAML a pipeline writes next to its checkpoint. Unknown keys are errors, not
 * ignored: a typo in `teachers` would otherwise silently drop a distillation dependency.
 */
export function parseTrainingRunYaml(text: string, file: string): Record<string, unknown> {
  const doc = parseDocument(text, { prettyErrors: false });
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  if (doc.errors.length) fail(file, lineOf(doc.errors[0].pos[0]), doc.errors[0].message.split('\n')[0]);
  const value = doc.toJS() as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail(file, 1, 'must be a mapping of training-run fields');
  const run = value as Record<string, unknown>;
  for (const key of Object.keys(run)) if (!KEYS.includes(key)) fail(file, null, `unknown field "${key}"; accepted: ${KEYS.join(', ')}`);
  const list = (key: string) => {
    const v = run[key];
    if (v === undefined) return undefined;
    const items = Array.isArray(v) ? v : [v];
    if (!items.every((s) => typeof s === 'string')) fail(file, null, `"${key}" must be a name or a list of names`);
    return items as string[];
  };
  return trainingRunInput(
    {
      method: run.method === undefined ? undefined : String(run.method),
      dataset: list('datasets'),
      teacher: list('teachers'),
      computeCountry: run.computeCountry as string | undefined,
      computeProvider: run.computeProvider as string | undefined,
      computeRegion: run.computeRegion as string | undefined,
      operator: run.operator as string | undefined,
    },
    file,
    {
      startedAt: run.startedAt instanceof Date ? run.startedAt.toISOString() : (run.startedAt as string | undefined),
      endedAt: run.endedAt instanceof Date ? run.endedAt.toISOString() : (run.endedAt as string | undefined),
      hyperparametersJson: run.hyperparameters === undefined ? undefined : JSON.stringify(run.hyperparameters),
    },
  );
}

export function trainingRunInput(flags: TrainingRunFlags, where: string, extra: Record<string, string | undefined> = {}): Record<string, unknown> {
  const method = flags.method?.toUpperCase();
  if (!method) fail(where, null, `a training run needs a method (${METHODS.join(', ')})`);
  if (!METHODS.includes(method)) fail(where, null, `method "${flags.method}" is not one of ${METHODS.join(', ')}`);
  const input: Record<string, unknown> = { method };
  if (flags.dataset?.length) input.datasets = flags.dataset.map((d) => ({ dataset: d }));
  if (flags.teacher?.length) input.teachers = flags.teacher.map((m) => ({ model: m }));
  for (const [k, v] of Object.entries({
    computeCountry: flags.computeCountry,
    computeProvider: flags.computeProvider,
    computeRegion: flags.computeRegion,
    operator: flags.operator,
    ...extra,
  })) {
    if (v !== undefined) input[k] = v;
  }
  return input;
}
