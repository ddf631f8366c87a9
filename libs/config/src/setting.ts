import { z } from 'zod';

/**
 * One environment variable: its name, the default the README shows, what it means, and how its
 * text becomes a value. The README's configuration table is checked against this list by a test.
 */
export interface Setting<T> {
  name: string;
  /** As the README shows it; `unset` for none. */
  shownDefault: string;
  meaning: string;
  /** Parses the raw text (undefined when unset); throws a SettingError naming the accepted form. */
  read(raw: string | undefined, env: NodeJS.ProcessEnv): T;
}

export class SettingError extends Error {
  constructor(
    readonly variable: string,
    readonly value: string,
    readonly accepted: string,
  ) {
    super(`${variable}: "${value}" is not accepted. Accepted: ${accepted}.`);
    this.name = 'SettingError';
  }
}

const ON = /^(on|true|1|yes)$/i;
const OFF = /^(off|false|0|no)$/i;
const FLAG_FORM = 'on or off (also true/false, 1/0, yes/no)';

/** Unset or empty means "use the default"; everything else must parse. */
function given(raw: string | undefined): raw is string {
  return raw !== undefined && raw.trim() !== '';
}

export function flag(name: string, fallback: boolean | ((env: NodeJS.ProcessEnv) => boolean), shownDefault: string, meaning: string): Setting<boolean> {
  return {
    name,
    shownDefault,
    meaning,
    read(raw, env) {
      if (!given(raw)) return typeof fallback === 'function' ? fallback(env) : fallback;
      if (ON.test(raw.trim())) return true;
      if (OFF.test(raw.trim())) return false;
      throw new SettingError(name, raw, FLAG_FORM);
    },
  };
}

export function integer(name: string, fallback: number, meaning: string, range: { min: number; max: number }): Setting<number> {
  const schema = z.coerce.number().int().min(range.min).max(range.max);
  return {
    name,
    meaning,
    shownDefault: String(fallback),
    read(raw) {
      if (!given(raw)) return fallback;
      const parsed = /^\s*-?\d+\s*$/.test(raw) ? schema.safeParse(raw.trim()) : null;
      if (!parsed?.success) throw new SettingError(name, raw, `a whole number from ${range.min} to ${range.max}`);
      return parsed.data;
    },
  };
}

/** A share in percent, greater than 0 and at most 100; decimals allowed (`33.3`). */
export function percent(name: string, fallback: number, meaning: string): Setting<number> {
  return {
    name,
    meaning,
    shownDefault: String(fallback),
    read(raw) {
      if (!given(raw)) return fallback;
      const value = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw.trim()) : Number.NaN;
      if (!(value > 0 && value <= 100)) throw new SettingError(name, raw, 'a percentage greater than 0 and at most 100, e.g. 25 or 33.3');
      return value;
    },
  };
}

/** A size factor greater than 1 and at most `max`; decimals allowed (`2.5`). */
export function factor(name: string, fallback: number, meaning: string, max: number): Setting<number> {
  return {
    name,
    meaning,
    shownDefault: String(fallback),
    read(raw) {
      if (!given(raw)) return fallback;
      const value = /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw.trim()) : Number.NaN;
      if (!(value > 1 && value <= max)) throw new SettingError(name, raw, `a factor greater than 1 and at most ${max}, e.g. 4 or 2.5`);
      return value;
    },
  };
}

export function text(name: string, fallback: string | null, meaning: string, form?: { pattern: RegExp; accepted: string }): Setting<string | null> {
  return {
    name,
    meaning,
    shownDefault: fallback ?? 'unset',
    read(raw) {
      if (!given(raw)) return fallback;
      const value = raw.trim();
      if (form && !form.pattern.test(value)) throw new SettingError(name, raw, form.accepted);
      return value;
    },
  };
}

export function choice<T extends string>(name: string, values: readonly T[], fallback: T, meaning: string): Setting<T> {
  return {
    name,
    meaning,
    shownDefault: fallback,
    read(raw) {
      if (!given(raw)) return fallback;
      const value = raw.trim().toLowerCase() as T;
      if (!values.includes(value)) throw new SettingError(name, raw, values.join(', '));
      return value;
    },
  };
}

export function url(name: string, meaning: string, protocols: readonly string[]): Setting<string | null> {
  return {
    name,
    meaning,
    shownDefault: 'unset',
    read(raw) {
      if (!given(raw)) return null;
      const parsed = z.url().safeParse(raw.trim());
      if (!parsed.success || !protocols.includes(new URL(raw.trim()).protocol.replace(/:$/, ''))) {
        throw new SettingError(name, raw, `a ${protocols.join(' or ')} URL, e.g. ${protocols[0]}://user:password@host:5432/pedigree`);
      }
      return raw.trim();
    },
  };
}
