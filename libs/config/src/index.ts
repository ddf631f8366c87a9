export { config, readConfig, resetConfig, settingList, ConfigError } from './config';
export type { Config } from './config';
export { SettingError } from './setting';
export type { Setting } from './setting';
