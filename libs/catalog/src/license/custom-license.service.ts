import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import { canonicalize, registerOnce, comparableEvidence, EvidenceDraft, invalidInput, normalizeEvidence } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { comparableLicenseTerms, CustomLicenseRecord, isLicenseRef, LICENSE_REF_ACCEPTED } from '@pedigree/licensing';
import { CustomLicenseRepository } from './custom-license.repository';
import { NormalizedLicense, normalizeLicense } from '@pedigree/licensing';

export type RegisterLicenseCommand = Omit<
  CustomLicenseRecord,
  | 'evidence'
  | 'url'
  | 'attributionText'
  | 'namingRequirement'
  | 'userThreshold'
  | 'useRestrictions'
  | 'nonCommercial'
  | 'attributionRequired'
  | 'forbidsCompetingModels'
> & {
  url?: string | null;
  nonCommercial?: boolean | null;
  attributionRequired?: boolean | null;
  attributionText?: string | null;
  namingRequirement?: string | null;
  useRestrictions?: string[] | null;
  forbidsCompetingModels?: boolean | null;
  userThreshold?: number | null;
  evidence: EvidenceDraft;
};

@Injectable()
export class CustomLicenseService {
  constructor(
    private readonly db: Db,
    private readonly licenses: CustomLicenseRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async register(input: RegisterLicenseCommand): Promise<CustomLicenseRecord> {
    const { id } = await this.apply(input);
    return (await this.licenses.findByKeys([id]))[0];
  }

  /** The registration inside the caller's transaction (or its own), saying whether it created the record; the id is the key. */
  async apply(input: RegisterLicenseCommand): Promise<{ id: string; created: boolean }> {
    const key = input.key?.trim() ?? '';
    if (!isLicenseRef(key)) throw invalidInput('input.key', `"${input.key}" is not a license reference`, LICENSE_REF_ACCEPTED);
    if (!input.name?.trim()) throw invalidInput('input.name', 'must not be empty');
    if (input.userThreshold !== null && input.userThreshold !== undefined && (!Number.isSafeInteger(input.userThreshold) || input.userThreshold <= 0)) {
      throw invalidInput('input.userThreshold', `${input.userThreshold} is not a positive whole number`, 'monthly active users, e.g. 700000000');
    }
    const record: CustomLicenseRecord = {
      key,
      name: input.name.trim(),
      url: input.url?.trim() || null,
      commercialUse: input.commercialUse,
      nonCommercial: input.nonCommercial ?? !input.commercialUse,
      attributionRequired: input.attributionRequired ?? false,
      attributionText: input.attributionText?.trim() || null,
      namingRequirement: input.namingRequirement?.trim() || null,
      useRestrictions: (input.useRestrictions ?? []).map((r) => r.trim()).filter(Boolean),
      forbidsCompetingModels: input.forbidsCompetingModels ?? false,
      userThreshold: input.userThreshold ?? null,
      evidence: normalizeEvidence(input.evidence, 'input.evidence', { documentRef: input.url ?? null }),
    };
    const registration = canonicalize({ ...comparableLicenseTerms(record), evidence: comparableEvidence(record.evidence, input.evidence) });
    return this.db.transaction(() =>
      registerOnce({
        what: 'License',
        key,
        registration,
        claim: async () => ({ id: key, created: await this.licenses.insert(record, registration) }),
        stored: () => this.licenses.registration(key),
        create: () => this.audit.record('registerLicense', input, [key]),
      }),
    );
  }

  async findByKey(key: string): Promise<CustomLicenseRecord | null> {
    return (await this.licenses.findByKeys([key.trim()]))[0] ?? null;
  }

  /** Normalizes a license claim and checks every LicenseRef- in it is registered. */
  async normalize(raw: string | null | undefined, field: string): Promise<NormalizedLicense | null> {
    const normalized = normalizeLicense(raw, field);
    if (!normalized?.customRefs.length) return normalized;
    const known = new Set((await this.licenses.findByKeys(normalized.customRefs)).map((l) => l.key));
    const missing = normalized.customRefs.filter((k) => !known.has(k));
    if (missing.length) {
      throw invalidInput(field, `${missing.join(', ')} is not a registered custom license`, 'an SPDX id, or a LicenseRef- registered with registerLicense');
    }
    return normalized;
  }

  all(): Promise<CustomLicenseRecord[]> {
    return this.licenses.all();
  }

  byKeys(keys: readonly string[]): Promise<CustomLicenseRecord[]> {
    return this.licenses.findByKeys(keys);
  }
}
