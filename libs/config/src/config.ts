import { Setting, SettingError } from './setting';
import { SETTINGS } from './settings';

type Settings = typeof SETTINGS;
export type Config = { [K in keyof Settings]: Settings[K] extends Setting<infer T> ? T : never };

export class ConfigError extends Error {
  constructor(readonly problems: SettingError[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads every setting, collecting all problems so one start-up attempt names each bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: SettingError[] = [];
  const out: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(SETTINGS) as [string, Setting<unknown>][]) {
    try {
      out[key] = setting.read(env[setting.name], env);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      problems.push(error);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return out as Config;
}

let current: Config | null = null;

/** This process's configuration, read once from its environment. */
export function config(): Config {
  current ??= readConfig();
  return current;
}

/** For tests and tools that set the environment before the first read. */
export function resetConfig(): void {
  current = null;
}

/** The variables in table order, for documentation checks. */
export function settingList(): readonly Setting<unknown>[] {
  return Object.values(SETTINGS) as Setting<unknown>[];
}
