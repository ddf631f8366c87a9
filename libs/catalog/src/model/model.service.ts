import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import {
  assertRegistryId,
  assertOrganizationInScope,
  assertNamespaceWritable,
  registerOnce,
  canonicalize,
  comparableEvidence,
  EvidenceDraft,
  invalidInput,
  normalizeCountry,
  normalizeEvidence,
  normalizeTasks,
  notFound,
  Page,
  PageRequest,
  NodeKind,
  validDate,
  NO_POLICY_GATE,
  POLICY_GATE,
  PolicyGate,
  TimeSlice,
} from '@pedigree/core';
import { Db } from '@pedigree/database';
import { EventEdge, eventEdges, nodeRegistered } from '@pedigree/outbox';
import { CustomLicenseService } from '../license/custom-license.service';
import { LineageNodeRepository, LineageSource, LineageWriter, resolveSources } from '@pedigree/lineage';
import { OrganizationService } from '../organization/organization.service';
import { ModelAccess, ModelFilter, ModelRecord } from './model.record';
import { ModelRepository } from './model.repository';

export interface CountryOverrideCommand {
  country: string;
  evidence: EvidenceDraft;
}

export interface RegisterModelCommand {
  name: string;
  publisher?: string | null;
  license?: string | null;
  licenseEvidence?: EvidenceDraft | null;
  countryOverride?: CountryOverrideCommand | null;
  access: ModelAccess;
  modality?: string | null;
  parameterCount?: number | null;
  releaseDate?: string | null;
  tasks?: string[] | null;
  lineage?: LineageSource[] | null;
  /** Registered only because something refers to it (a card's base model): completed later by a full registration. */
  placeholder?: boolean | null;
  evidence: EvidenceDraft;
  recordedBy?: string | null;
}

export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9._-]+$/;
export const NAME_ACCEPTED = 'namespace/name, e.g. meta-llama/Llama-3.1-8B';

@Injectable()
export class ModelService {
  constructor(
    private readonly db: Db,
    private readonly models: ModelRepository,
    private readonly nodes: LineageNodeRepository,
    private readonly writer: LineageWriter,
    private readonly orgs: OrganizationService,
    private readonly licenses: CustomLicenseService,
    private readonly audit: AuditRecorder,
    @Optional() @Inject(POLICY_GATE) private readonly gate: PolicyGate = NO_POLICY_GATE,
  ) {}

  async register(input: RegisterModelCommand): Promise<ModelRecord> {
    const { id } = await this.apply(input);
    return (await this.models.findByIds([id]))[0];
  }

  /** The registration inside the caller's transaction (or its own), saying whether it created the record. */
  async apply(input: RegisterModelCommand): Promise<{ id: string; created: boolean }> {
    const name = input.name?.trim() ?? '';
    if (!NAME_PATTERN.test(name)) throw invalidInput('input.name', `"${input.name}" is not a model name`, NAME_ACCEPTED);
    assertNamespaceWritable(name, 'input.name');
    const evidence = normalizeEvidence(input.evidence, 'input.evidence');
    const country = input.countryOverride ? normalizeCountry(input.countryOverride.country, 'input.countryOverride.country') : null;
    const countryEvidence = input.countryOverride ? normalizeEvidence(input.countryOverride.evidence, 'input.countryOverride.evidence') : null;
    const parameterCount = input.parameterCount ?? null;
    if (parameterCount !== null && (!Number.isSafeInteger(parameterCount) || parameterCount <= 0)) {
      throw invalidInput('input.parameterCount', `${parameterCount} is not a positive whole number`, 'e.g. 8030000000');
    }
    const releaseDate = validDate(input.releaseDate, 'input.releaseDate');
    const tasks = normalizeTasks(input.tasks, 'input.tasks');
    const licenseEvidence = input.licenseEvidence ? normalizeEvidence(input.licenseEvidence, 'input.licenseEvidence') : evidence;

    return this.db.transaction(async () => {
      const license = await this.licenses.normalize(input.license, 'input.license');
      const publisher = await this.orgs.require(input.publisher ?? name.split('/')[0], input.publisher ? 'input.publisher' : 'input.name (namespace)');
      assertOrganizationInScope(publisher, input.publisher ? 'input.publisher' : 'input.name');
      const drafts = await resolveSources(this.nodes, input.lineage, 'input.lineage', evidence);
      const record = {
        name,
        publisherId: publisher.id,
        license: license?.expression ?? null,
        licenseIds: license?.ids ?? [],
        licenseEvidence: license ? licenseEvidence : null,
        countryOverride: country,
        countryEvidence,
        access: input.access,
        modality: input.modality?.trim() || null,
        parameterCount,
        releaseDate,
        tasks,
        evidence,
      };
      const placeholder = input.placeholder ?? false;
      // Compared after normalization: "Apache 2.0" and "Apache-2.0", slug and alias, name and id agree.
      const registration = canonicalize({
        ...record,
        licenseIds: undefined,
        placeholder: placeholder || undefined,
        // No tasks drop out, so registrations stored before tasks existed still compare equal.
        tasks: tasks.length ? tasks : undefined,
        evidence: comparableEvidence(evidence, input.evidence),
        licenseEvidence: license ? comparableEvidence(licenseEvidence, input.licenseEvidence ?? input.evidence) : null,
        countryEvidence: comparableEvidence(countryEvidence, input.countryOverride?.evidence),
        lineage: drafts.map((d, i) => ({
          sourceId: d.sourceId,
          relation: d.relation,
          mergeWeight: d.mergeWeight,
          // Absent (null) parts drop out, so registrations stored before these fields existed still compare equal.
          teacherSnapshot: d.teacherSnapshot,
          usedFrom: d.usedFrom,
          usedTo: d.usedTo,
          auxiliaryRole: d.auxiliaryRole,
          evidence: comparableEvidence(d.evidence, input.lineage?.[i].evidence ?? input.evidence),
        })),
      });
      return registerOnce({
        what: 'Model',
        key: name,
        registration,
        claim: () => this.nodes.claim(NodeKind.MODEL, name),
        stored: (existing) => this.models.registration(existing),
        create: async (created) => {
          await this.models.insert({ id: created, ...record, placeholder }, registration);
          const edgeIds = await this.writer.add({ id: created, kind: NodeKind.MODEL, key: name }, drafts, true, input.recordedBy?.trim() || 'api');
          await this.audit.record(
            'registerModel',
            input,
            [created, ...edgeIds],
            [modelRegistered(created, name, record, eventEdges(edgeIds, drafts), { placeholder, completedPlaceholder: false })],
          );
          await this.gate.check({ nodeId: created });
        },
        placeholder: placeholder
          ? undefined
          : {
              isPlaceholder: (id) => this.models.isPlaceholder(id),
              // The node exists, so its new edges take the lineage lock and the cycle check.
              complete: async (id) => {
                await this.models.complete({ id, ...record }, registration);
                const edgeIds = await this.writer.add({ id, kind: NodeKind.MODEL, key: name }, drafts, false, input.recordedBy?.trim() || 'api');
                await this.audit.record(
                  'registerModel',
                  input,
                  [id, ...edgeIds],
                  [modelRegistered(id, name, record, eventEdges(edgeIds, drafts), { placeholder: false, completedPlaceholder: true })],
                );
                await this.gate.check({ nodeId: id });
              },
            },
      });
    });
  }

  /** At `at` when given: the model as recorded then, or null when it was not registered yet. */
  async findByName(name: string, at: TimeSlice | null = null): Promise<ModelRecord | null> {
    const found = await this.models.findByName(name.trim());
    return found && at ? this.models.findByIdAt(found.id, at) : found;
  }

  async findById(id: string, at: TimeSlice | null = null): Promise<ModelRecord | null> {
    assertRegistryId(id, 'id');
    return at ? this.models.findByIdAt(id, at) : ((await this.models.findByIds([id]))[0] ?? null);
  }

  async page(
    filter: Omit<ModelFilter, 'organizationId'> & { organization?: string | null },
    page: PageRequest,
    at: TimeSlice | null = null,
  ): Promise<Page<ModelRecord>> {
    const org = filter.organization ? await this.orgs.find(filter.organization, 'filter.organization') : null;
    if (filter.organization && !org) throw notFound('Organization', filter.organization, 'filter.organization');
    return this.models.page({ ...filter, organizationId: org?.id, country: normalizeCountry(filter.country, 'filter.country') }, page, at);
  }
}

function modelRegistered(
  id: string,
  name: string,
  record: { publisherId: string; license: string | null; access: unknown; modality: string | null; countryOverride: string | null },
  lineage: EventEdge[],
  state: { placeholder: boolean; completedPlaceholder: boolean },
) {
  const details = {
    publisherId: record.publisherId,
    license: record.license,
    access: record.access,
    modality: record.modality,
    countryOverride: record.countryOverride,
    ...state,
  };
  return nodeRegistered('model.registered', { id, kind: NodeKind.MODEL, key: name }, details, lineage);
}
