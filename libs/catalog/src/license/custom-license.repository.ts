import { Injectable } from '@nestjs/common';
import { Any, FindOptionsSelect } from 'typeorm';
import { Canonical } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { CustomLicenseRecord } from '@pedigree/licensing';
import { CustomLicenseEntity } from './custom-license.entity';

/** What toRecord reads; not `registration` (only re-registration needs it). */
const SELECT = {
  key: true,
  name: true,
  url: true,
  commercial_use: true,
  non_commercial: true,
  attribution_required: true,
  attribution_text: true,
  naming_requirement: true,
  use_restrictions: true,
  forbids_competing_models: true,
  user_threshold: true,
  evidence: true,
} satisfies FindOptionsSelect<CustomLicenseEntity>;
type LicenseRow = Pick<CustomLicenseEntity, keyof typeof SELECT>;

const toRecord = (r: LicenseRow): CustomLicenseRecord => ({
  key: r.key,
  name: r.name,
  url: r.url,
  commercialUse: r.commercial_use,
  nonCommercial: r.non_commercial,
  attributionRequired: r.attribution_required,
  attributionText: r.attribution_text,
  namingRequirement: r.naming_requirement,
  useRestrictions: r.use_restrictions,
  forbidsCompetingModels: r.forbids_competing_models,
  userThreshold: r.user_threshold === null ? null : Number(r.user_threshold),
  evidence: r.evidence,
});

/** Reads go through the entity (single-table lookups); the insert stays SQL for its ON CONFLICT … RETURNING. */
@Injectable()
export class CustomLicenseRepository {
  constructor(private readonly db: Db) {}

  async insert(l: CustomLicenseRecord, registration: Canonical): Promise<boolean> {
    const row = await this.db.one<Pick<CustomLicenseEntity, 'key'>>(
      `INSERT INTO custom_license(key, name, url, commercial_use, non_commercial, attribution_required, attribution_text,
         naming_requirement, use_restrictions, forbids_competing_models, user_threshold, evidence, registration)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [
        l.key,
        l.name,
        l.url,
        l.commercialUse,
        l.nonCommercial,
        l.attributionRequired,
        l.attributionText,
        l.namingRequirement,
        l.useRestrictions,
        l.forbidsCompetingModels,
        l.userThreshold,
        l.evidence,
        registration,
      ],
    );
    return row !== null;
  }

  async registration(key: string): Promise<Canonical> {
    return (await this.db.one<Pick<CustomLicenseEntity, 'registration'>>(`SELECT registration FROM custom_license WHERE key = $1`, [key]))!.registration;
  }

  async findByKeys(keys: readonly string[]): Promise<CustomLicenseRecord[]> {
    const rows = await this.db.withManager((m) => m.find(CustomLicenseEntity, { select: SELECT, where: { key: Any([...keys]) } }));
    return rows.map(toRecord);
  }

  async all(): Promise<CustomLicenseRecord[]> {
    const rows = await this.db.withManager((m) => m.find(CustomLicenseEntity, { select: SELECT, order: { key: 'ASC' } }));
    return rows.map(toRecord);
  }
}
