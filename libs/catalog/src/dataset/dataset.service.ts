import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import {
  assertOrganizationInScope,
  assertNamespaceWritable,
  registerOnce,
  canonicalize,
  comparableEvidence,
  datasetProfileClaim,
  EvidenceDraft,
  invalidInput,
  normalizeCountry,
  normalizeEvidence,
  Page,
  PageRequest,
  NodeKind,
  Relation,
  TeacherUseDraft,
  NO_POLICY_GATE,
  POLICY_GATE,
  PolicyGate,
} from '@pedigree/core';
import { Db } from '@pedigree/database';
import { CustomLicenseService } from '../license/custom-license.service';
import { LineageNodeRepository, LineageWriter, NodeRef, resolveSources } from '@pedigree/lineage';
import { CountryOverrideCommand, NAME_ACCEPTED, NAME_PATTERN } from '../model/model.service';
import { OrganizationService } from '../organization/organization.service';
import { DatasetRecord } from './dataset.record';
import { DatasetRepository } from './dataset.repository';

export interface RegisterDatasetCommand {
  name: string;
  publisher?: string | null;
  description?: string | null;
  license?: string | null;
  countryOverride?: CountryOverrideCommand | null;
  /** The EU summary's facts (libs/core dataset-profile.ts); all optional, supported by `profileEvidence` or else `evidence`. */
  sourceKind?: string | null;
  sizeRange?: string | null;
  topDomains?: string[] | null;
  profileEvidence?: EvidenceDraft | null;
  /** Registered only because something refers to it (a training run's dataset): completed later by a full registration. */
  placeholder?: boolean | null;
  generatedBy?: ({ source: NodeRef; evidence?: EvidenceDraft | null } & TeacherUseDraft)[] | null;
  evidence: EvidenceDraft;
  recordedBy?: string | null;
}

@Injectable()
export class DatasetService {
  constructor(
    private readonly db: Db,
    private readonly datasets: DatasetRepository,
    private readonly nodes: LineageNodeRepository,
    private readonly writer: LineageWriter,
    private readonly orgs: OrganizationService,
    private readonly licenses: CustomLicenseService,
    private readonly audit: AuditRecorder,
    @Optional() @Inject(POLICY_GATE) private readonly gate: PolicyGate = NO_POLICY_GATE,
  ) {}

  async register(input: RegisterDatasetCommand): Promise<DatasetRecord> {
    const { id } = await this.apply(input);
    return (await this.datasets.findByIds([id]))[0];
  }

  /** The registration inside the caller's transaction (or its own), saying whether it created the record. */
  async apply(input: RegisterDatasetCommand): Promise<{ id: string; created: boolean }> {
    const name = input.name?.trim() ?? '';
    if (!NAME_PATTERN.test(name))
      throw invalidInput(
        'input.name',
        `"${input.name}" is not a dataset name`,
        NAME_ACCEPTED.replace('meta-llama/Llama-3.1-8B', 'HuggingFaceH4/ultrachat_200k'),
      );
    assertNamespaceWritable(name, 'input.name');
    const evidence = normalizeEvidence(input.evidence, 'input.evidence');
    const country = input.countryOverride ? normalizeCountry(input.countryOverride.country, 'input.countryOverride.country') : null;
    const countryEvidence = input.countryOverride ? normalizeEvidence(input.countryOverride.evidence, 'input.countryOverride.evidence') : null;
    const profile = datasetProfileClaim(input, evidence, 'input');

    return this.db.transaction(async () => {
      const license = await this.licenses.normalize(input.license, 'input.license');
      const publisher = await this.orgs.require(input.publisher ?? name.split('/')[0], input.publisher ? 'input.publisher' : 'input.name (namespace)');
      assertOrganizationInScope(publisher, input.publisher ? 'input.publisher' : 'input.name');
      const sources = (input.generatedBy ?? []).map((g) => ({ ...g, relation: Relation.GENERATED_BY }));
      const drafts = await resolveSources(this.nodes, sources, 'input.generatedBy', evidence);
      const record = {
        name,
        publisherId: publisher.id,
        description: input.description?.trim() || null,
        license: license?.expression ?? null,
        licenseIds: license?.ids ?? [],
        countryOverride: country,
        countryEvidence,
        sourceKind: profile.sourceKind,
        sizeRange: profile.sizeRange,
        topDomains: profile.topDomains,
        profileEvidence: profile.evidence,
        evidence,
      };
      const placeholder = input.placeholder ?? false;
      const registration = canonicalize({
        ...record,
        licenseIds: undefined,
        placeholder: placeholder || undefined,
        evidence: comparableEvidence(evidence, input.evidence),
        countryEvidence: comparableEvidence(countryEvidence, input.countryOverride?.evidence),
        // Absent facts drop out, so registrations stored before the profile existed still compare equal.
        topDomains: profile.topDomains.length ? profile.topDomains : undefined,
        profileEvidence: comparableEvidence(profile.evidence, input.profileEvidence ?? input.evidence),
        generatedBy: drafts.map((d, i) => ({
          sourceId: d.sourceId,
          // Absent (null) parts drop out, so registrations stored before teacher use existed still compare equal.
          teacherSnapshot: d.teacherSnapshot,
          usedFrom: d.usedFrom,
          usedTo: d.usedTo,
          evidence: comparableEvidence(d.evidence, input.generatedBy?.[i].evidence ?? input.evidence),
        })),
      });
      return registerOnce({
        what: 'Dataset',
        key: name,
        registration,
        claim: () => this.nodes.claim(NodeKind.DATASET, name),
        stored: (existing) => this.datasets.registration(existing),
        create: async (created) => {
          await this.datasets.insert({ id: created, ...record, placeholder }, registration);
          const edgeIds = await this.writer.add({ id: created, kind: NodeKind.DATASET, key: name }, drafts, true, input.recordedBy?.trim() || 'api');
          await this.audit.record('registerDataset', input, [created, ...edgeIds]);
          await this.gate.check({ nodeId: created });
        },
        placeholder: placeholder
          ? undefined
          : {
              isPlaceholder: (id) => this.datasets.isPlaceholder(id),
              complete: async (id) => {
                await this.datasets.complete({ id, ...record }, registration);
                const edgeIds = await this.writer.add({ id, kind: NodeKind.DATASET, key: name }, drafts, false, input.recordedBy?.trim() || 'api');
                await this.audit.record('registerDataset', input, [id, ...edgeIds]);
                await this.gate.check({ nodeId: id });
              },
            },
      });
    });
  }

  async findByName(name: string): Promise<DatasetRecord | null> {
    const node = await this.nodes.findByKey(NodeKind.DATASET, name.trim());
    return node ? (await this.datasets.findByIds([node.id]))[0] : null;
  }

  page(filter: { country?: string | null; license?: string | null; placeholder?: boolean | null }, page: PageRequest): Promise<Page<DatasetRecord>> {
    return this.datasets.page({ ...filter, country: normalizeCountry(filter.country, 'country') }, page);
  }
}
