import { Injectable } from '@nestjs/common';
import { Canonical } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { CustomLicenseRecord } from '@pedigree/licensing';

type Row = Record<string, any>;

const toRecord = (r: Row): CustomLicenseRecord => ({
  key: r.key,
  name: r.name,
  url: r.url,
  commercialUse: r.commercial_use,
  nonCommercial: r.non_commercial,
  attributionRequired: r.attribution_required,
  attributionText: r.attribution_text,
  namingRequirement: r.naming_requirement,
  useRestrictions: r.use_restrictions,
  userThreshold: r.user_threshold === null ? null : Number(r.user_threshold),
  evidence: r.evidence,
});

@Injectable()
export class CustomLicenseRepository {
  constructor(private readonly db: Db) {}

  async insert(l: CustomLicenseRecord, registration: Canonical): Promise<boolean> {
    const row = await this.db.one(
      `INSERT INTO custom_license(key, name, url, commercial_use, non_commercial, attribution_required, attribution_text,
         naming_requirement, use_restrictions, user_threshold, evidence, registration)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [l.key, l.name, l.url, l.commercialUse, l.nonCommercial, l.attributionRequired, l.attributionText, l.namingRequirement,
        l.useRestrictions, l.userThreshold, l.evidence, registration],
    );
    return row !== null;
  }

  async registration(key: string): Promise<Canonical> {
    return (await this.db.one<{ registration: Canonical }>(`SELECT registration FROM custom_license WHERE key = $1`, [key]))!.registration;
  }

  async findByKeys(keys: readonly string[]): Promise<CustomLicenseRecord[]> {
    return (await this.db.query<Row>(`SELECT * FROM custom_license WHERE key = ANY($1::text[])`, [keys])).map(toRecord);
  }

  async all(): Promise<CustomLicenseRecord[]> {
    return (await this.db.query<Row>(`SELECT * FROM custom_license ORDER BY key`)).map(toRecord);
  }
}
