import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { invalidInput, notFound } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { PolicyVersionRecord } from './policy.record';
import { DefinePolicyCommand, PolicyService } from './policy.service';

export interface PolicyPackSource {
  title: string;
  publisher?: string;
  date?: string;
  url: string;
}

export interface PolicyPack {
  key: string;
  name: string;
  description: string;
  jurisdiction?: string | null;
  sources: PolicyPackSource[];
  policies: (DefinePolicyCommand & { documentRef: string })[];
}

/** The shipped packs live in `policy-packs/` at the repository top, found from wherever the code runs (source or dist). */
function packsDir(): string | null {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'policy-packs'))) return join(dir, 'policy-packs');
    if (dirname(dir) === dir) return null;
  }
}

export function readPolicyPacks(dir = packsDir()): PolicyPack[] {
  if (!dir) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as PolicyPack);
}

/** What a pack load did: the policies it defined, and the keys it left alone because they exist. */
export interface PolicyPackLoad {
  policies: PolicyVersionRecord[];
  skipped: string[];
}

/**
 * Ready-made policy templates, each rule citing its public source. Loading a pack defines its
 * policies (disabled unless asked) in one transaction: all of them or none. A policy whose key
 * already exists is skipped unless `overwrite`: it may have been adapted or enabled since, and
 * loading the pack again must not quietly replace that with the disabled template.
 */
@Injectable()
export class PolicyPackService {
  private readonly packs = readPolicyPacks();

  constructor(
    private readonly db: Db,
    private readonly policies: PolicyService,
  ) {}

  list(): PolicyPack[] {
    return this.packs;
  }

  async load(key: string, enable: boolean, overwrite = false): Promise<PolicyPackLoad> {
    const pack = this.packs.find((p) => p.key === key.trim());
    if (!pack)
      throw notFound(
        'Policy pack',
        key,
        'key',
        this.packs.map((p) => p.key),
      );
    if (!pack.policies.length) throw invalidInput('key', `pack "${key}" has no policies`);
    return this.db.transaction(async () => {
      const out: PolicyPackLoad = { policies: [], skipped: [] };
      for (const [i, p] of pack.policies.entries()) {
        if (!overwrite && (await this.policies.find(p.key))) out.skipped.push(p.key);
        else out.policies.push(await this.policies.define({ ...p, enabled: enable }, pack.key, `pack.policies[${i}]`));
      }
      return out;
    });
  }
}
