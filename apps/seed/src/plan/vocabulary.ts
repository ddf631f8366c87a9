/**
 * Fixed word lists and weights the generator draws from. Everything here is invented: no real
 * organization, model or license appears in synthetic data, so a seeded registry can never be
 * mistaken for a statement about the real ecosystem.
 */

/** 40 ISO 3166-1 alpha-2 codes, weighted roughly like where Hub publishers are based. */
export const COUNTRIES: ReadonlyArray<readonly [string, number]> = [
  ['US', 30], ['CN', 14], ['FR', 6], ['DE', 5], ['GB', 5], ['CA', 3], ['JP', 3], ['KR', 3], ['IN', 3], ['IL', 2],
  ['SG', 2], ['AE', 2], ['CH', 2], ['NL', 2], ['SE', 1.5], ['FI', 1], ['ES', 1.5], ['IT', 1.5], ['PL', 1], ['BR', 1.5],
  ['AU', 1.5], ['TW', 1.5], ['HK', 1], ['RU', 1.5], ['UA', 1], ['TR', 1], ['VN', 1], ['ID', 1], ['IE', 1], ['AT', 1],
  ['BE', 1], ['DK', 1], ['NO', 1], ['CZ', 1], ['PT', 1], ['MX', 1], ['AR', 1], ['ZA', 1], ['NG', 1], ['SA', 1],
];

export const CORPORATE_WORDS = [
  'Aurora', 'Basalt', 'Cobalt', 'Dynamo', 'Ember', 'Fjord', 'Granite', 'Helios', 'Iris', 'Juniper', 'Kestrel', 'Lumen',
  'Meridian', 'Nimbus', 'Obsidian', 'Polaris', 'Quasar', 'Rune', 'Sable', 'Tundra', 'Umbra', 'Vega', 'Wren', 'Xenon',
  'Yarrow', 'Zephyr', 'Atlas', 'Boreal', 'Cinder', 'Delta', 'Echo', 'Ferro', 'Gale', 'Halcyon', 'Indigo', 'Jade',
  'Krait', 'Lyra', 'Mistral', 'Nova', 'Onyx', 'Prism', 'Quill', 'Radiant', 'Solace', 'Tessera', 'Ultra', 'Vertex',
  'Willow', 'Axiom', 'Beacon', 'Cipher', 'Dune', 'Elara', 'Flux', 'Glyph', 'Horizon', 'Ion', 'Kite', 'Lattice',
  'Mosaic', 'Nexus', 'Orbit', 'Pinnacle', 'Quantum', 'Ridge', 'Summit', 'Talon', 'Unity', 'Vortex', 'Wave', 'Zenith',
  'Argent', 'Bramble', 'Crest', 'Drift', 'Ether', 'Falcon', 'Garnet', 'Harbor', 'Isle', 'Keystone', 'Loom', 'Marble',
];

export const COMMUNITY_ADJECTIVES = [
  'quiet', 'brave', 'lazy', 'rapid', 'tiny', 'grumpy', 'lucky', 'clever', 'sleepy', 'cosmic', 'neural', 'silent',
  'mighty', 'fuzzy', 'shiny', 'rusty', 'salty', 'spicy', 'frosty', 'sunny', 'misty', 'bold', 'witty', 'nimble',
];

export const COMMUNITY_NOUNS = [
  'otter', 'falcon', 'panda', 'badger', 'lynx', 'heron', 'gecko', 'walrus', 'koala', 'marmot', 'puffin', 'raven',
  'bison', 'ferret', 'ibex', 'jackal', 'lemur', 'moose', 'newt', 'ocelot', 'quokka', 'tapir', 'yak', 'zebu',
];

export const HOLDING_SUFFIXES = ['Holdings', 'Group', 'Capital', 'Industries'];
export const LAB_SUFFIXES = ['AI', 'Labs', 'Research', 'Intelligence', 'Systems', 'Institute', 'Foundation', 'Technologies'];
export const CLOUD_SUFFIXES = ['Cloud', 'Compute', 'Datacenters'];

/** Model family words; a root's stem is a word plus a generation number, so stems never collide. */
export const FAMILY_WORDS = [
  'Corvid', 'Falcoon', 'Orca', 'Mamba', 'Phoenix', 'Lynx', 'Heron', 'Vireo', 'Tern', 'Kiwi', 'Puffin', 'Marlin',
  'Osprey', 'Ibis', 'Condor', 'Pika', 'Quetzal', 'Raven', 'Sparrow', 'Toucan', 'Wombat', 'Yeti', 'Zebra', 'Aster',
  'Bluebell', 'Clover', 'Dahlia', 'Fern', 'Gorse', 'Heather', 'Ivy', 'Laurel', 'Maple', 'Nettle', 'Orchid', 'Poppy',
  'Rowan', 'Sorrel', 'Thistle', 'Violet', 'Alder', 'Birch', 'Cedar', 'Elm', 'Hazel', 'Larch', 'Oak', 'Pine',
];

export const API_WORDS = ['Oracle', 'Sage', 'Muse', 'Pilot', 'Scribe', 'Sonnet', 'Verse', 'Sphinx', 'Titan', 'Bard'];

export const SIZES: ReadonlyArray<readonly [string, number, number]> = [
  // label, parameters, weight
  ['0.5B', 494e6, 5], ['1B', 1.24e9, 8], ['1.5B', 1.54e9, 6], ['3B', 3.21e9, 10], ['7B', 7.24e9, 22], ['8B', 8.03e9, 18],
  ['13B', 13.0e9, 6], ['14B', 14.8e9, 6], ['32B', 32.8e9, 6], ['70B', 70.6e9, 8], ['72B', 72.7e9, 3], ['405B', 405e9, 2],
];

export const MODALITIES: ReadonlyArray<readonly [string, number]> = [
  ['text-generation', 70], ['image-text-to-text', 8], ['text-to-image', 7], ['feature-extraction', 7],
  ['automatic-speech-recognition', 4], ['text-classification', 4],
];

export const VARIANTS = {
  FINETUNE: ['Instruct', 'Chat', 'Coder', 'Math', 'RP', 'SFT', 'DPO', 'ORPO', 'Med', 'Legal', 'Tuned', 'Reasoning'],
  ADAPTER: ['LoRA', 'QLoRA', 'PEFT-adapter', 'lora-r16', 'DoRA'],
  QUANTIZATION: ['GGUF', 'Q4_K_M-GGUF', 'Q8_0-GGUF', 'AWQ', 'GPTQ-Int4', 'exl2-6bpw', 'MLX-4bit', 'bnb-4bit'],
  MERGE: ['Merge', 'SLERP', 'TIES', 'DARE-TIES', 'Model-Stock', 'Frankenmerge'],
  DISTILLED: ['Distill', 'Distilled', 'Teacher-Distill'],
  CONTINUED_PRETRAINING: ['CPT', 'Continued', 'Domain-Adapted'],
  PRUNING: ['Pruned', 'Sheared', 'Minitron'],
} as const;

export const DATASET_TOPICS = [
  'math', 'code', 'chat', 'medical', 'legal', 'finance', 'science', 'multilingual', 'roleplay', 'reasoning', 'safety',
  'summarization', 'translation', 'vision', 'speech', 'web', 'books', 'wiki', 'news', 'preferences',
];
export const DATASET_STYLES = ['instruct', 'sft', 'dpo', 'pairs', 'corpus', 'qa', 'dialogues', 'cot', 'eval', 'mix'];

export const ENVIRONMENTS: ReadonlyArray<readonly [string, number]> = [
  ['PRODUCTION', 40], ['STAGING', 25], ['DEVELOPMENT', 20], ['TEST', 10], ['RESEARCH', 5],
];
export const CRITICALITIES: ReadonlyArray<readonly [string, number]> = [['LOW', 30], ['MEDIUM', 40], ['HIGH', 22], ['CRITICAL', 8]];
export const TEAMS = ['claims', 'search', 'support', 'fraud', 'marketing', 'legal', 'hr', 'risk', 'platform', 'research', 'sales', 'security'];
export const SYSTEMS = ['assistant', 'classifier', 'summarizer', 'copilot', 'triage', 'extractor', 'translator', 'ranker', 'moderator'];
export const DEPLOYMENT_TAGS = ['customer-facing', 'internal', 'pii', 'eu-data', 'batch', 'realtime', 'regulated'];

/** Cloud regions and the country they are in. */
export const REGIONS: ReadonlyArray<readonly [string, string]> = [
  ['us-east-1', 'US'], ['us-west-2', 'US'], ['eu-west-1', 'IE'], ['eu-central-1', 'DE'], ['europe-west9', 'FR'],
  ['uksouth', 'GB'], ['ap-northeast-1', 'JP'], ['ap-southeast-1', 'SG'], ['cn-beijing', 'CN'], ['me-central-1', 'AE'],
  ['ca-central-1', 'CA'], ['sa-east-1', 'BR'], ['ap-south-1', 'IN'], ['australiaeast', 'AU'],
];
