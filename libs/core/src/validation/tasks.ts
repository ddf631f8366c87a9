import { invalidInput } from '../errors';

export const TASK_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
export const MAX_TASKS = 20;
const ACCEPTED = 'lower-case tags of letters, digits and "-" (up to 40 characters), e.g. "chat", "code", "speech-to-text"';

/**
 * Task tags of a model or deployment (`chat`, `code`), trimmed, lower-cased, deduplicated and sorted,
 * so that two registrations listing the same tasks in another order or case compare equal. The one
 * check for every `tasks` input; `field` is the list's path, e.g. `input.tasks`.
 */
export function normalizeTasks(tasks: readonly string[] | null | undefined, field: string): string[] {
  if (!tasks) return [];
  if (tasks.length > MAX_TASKS) throw invalidInput(field, `${tasks.length} tasks, at most ${MAX_TASKS}`, ACCEPTED);
  const out = new Set<string>();
  tasks.forEach((t, i) => {
    const tag = typeof t === 'string' ? t.trim().toLowerCase() : '';
    if (!TASK_PATTERN.test(tag)) throw invalidInput(`${field}[${i}]`, `"${t}" is not a task tag`, ACCEPTED);
    out.add(tag);
  });
  return [...out].sort();
}
