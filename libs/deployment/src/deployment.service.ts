import { Inject, Injectable, Optional } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import {
  assertOrganizationInScope,
  registerOnce,
  canonicalize,
  comparableEvidence,
  EvidenceDraft,
  EvidenceOrigin,
  invalidInput,
  NodeKind,
  normalizeCountry,
  normalizeEvidence,
  normalizeTasks,
  notFound,
  Page,
  NO_POLICY_GATE,
  POLICY_GATE,
  PolicyGate,
  PageRequest,
  requestContext,
} from '@pedigree/core';
import { OrganizationService } from '@pedigree/catalog';
import { Db } from '@pedigree/database';
import { LineageNodeRepository, NodeRef, resolveNodeRef } from '@pedigree/lineage';
import { Criticality, DeploymentEnvironment, DeploymentFilter, DeploymentRecord } from './deployment.record';
import { DeploymentRepository } from './deployment.repository';

export interface RegisterDeploymentCommand {
  name: string;
  system: string;
  ownerTeam: string;
  owner?: string | null;
  environment: DeploymentEnvironment;
  criticality: Criticality;
  uses: NodeRef;
  inferenceProvider?: string | null;
  region?: string | null;
  country?: string | null;
  tags?: string[] | null;
  tasks?: string[] | null;
  evidence?: EvidenceDraft | null;
  recordedBy?: string | null;
}

export type DeploymentFilterCommand = Omit<DeploymentFilter, 'organizationId'> & { organization?: string | null };

@Injectable()
export class DeploymentService {
  constructor(
    private readonly db: Db,
    private readonly deployments: DeploymentRepository,
    private readonly nodes: LineageNodeRepository,
    private readonly orgs: OrganizationService,
    private readonly audit: AuditRecorder,
    @Optional() @Inject(POLICY_GATE) private readonly gate: PolicyGate = NO_POLICY_GATE,
  ) {}

  async register(input: RegisterDeploymentCommand): Promise<DeploymentRecord> {
    const { id } = await this.apply(input);
    return (await this.deployments.findByIds([id]))[0];
  }

  /** The registration inside the caller's transaction (or its own), saying whether it created the record. */
  async apply(input: RegisterDeploymentCommand): Promise<{ id: string; created: boolean }> {
    const name = input.name?.trim() ?? '';
    if (!/^[a-z0-9][a-z0-9._/-]{0,199}$/.test(name)) {
      throw invalidInput(
        'input.name',
        `"${input.name}" is not a deployment name`,
        'lower-case letters, digits, ".", "_", "/" and "-", e.g. "claims-assistant/prod"',
      );
    }
    const system = required(input.system, 'input.system', 300);
    const ownerTeam = required(input.ownerTeam, 'input.ownerTeam', 200);
    const country = normalizeCountry(input.country, 'input.country');
    const tags = [...new Set((input.tags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
    const tasks = normalizeTasks(input.tasks, 'input.tasks');
    const recordedBy = input.recordedBy?.trim() || 'api';
    const evidence = normalizeEvidence(input.evidence, 'input.evidence', {
      origin: EvidenceOrigin.PIPELINE_DECLARATION,
      justification: `Declared by ${recordedBy}`,
      collector: recordedBy,
    });

    return this.db.transaction(async () => {
      const node = await resolveNodeRef(this.nodes, input.uses, 'input.uses');
      if (node.kind === NodeKind.DATASET) throw invalidInput('input.uses', `"${node.key}" is a dataset`, 'a checkpoint, or a model for API use');
      const provider = input.inferenceProvider ? await this.orgs.require(input.inferenceProvider, 'input.inferenceProvider') : null;
      const owner = input.owner ? await this.orgs.require(input.owner, 'input.owner') : null;
      if (owner) assertOrganizationInScope(owner, 'input.owner');
      else if (requestContext.principal().organizationIds) {
        throw invalidInput('input.owner', 'is required with a token scoped to organizations', 'the slug of the organization that runs the deployment');
      }
      const record = {
        name,
        system,
        ownerTeam,
        ownerId: owner?.id ?? null,
        environment: input.environment,
        criticality: input.criticality,
        nodeId: node.id,
        inferenceProviderId: provider?.id ?? null,
        region: input.region?.trim() || null,
        country,
        tags,
        tasks,
        evidence,
      };
      // No tasks drop out, so registrations stored before tasks existed still compare equal.
      const registration = canonicalize({ ...record, tasks: tasks.length ? tasks : undefined, evidence: comparableEvidence(evidence, input.evidence) });
      return registerOnce({
        what: 'Deployment',
        key: name,
        registration,
        claim: async () => {
          const inserted = await this.deployments.insert(record, registration);
          return inserted ? { id: inserted, created: true } : { id: (await this.deployments.findByName(name))!.id, created: false };
        },
        stored: async () => (await this.deployments.findByName(name))!.registration,
        create: async (created) => {
          await this.audit.record('registerDeployment', input, [created]);
          await this.gate.check({ deploymentName: name });
        },
      });
    });
  }

  findByName(name: string): Promise<DeploymentRecord | null> {
    return this.deployments.findByName(name.trim());
  }

  async resolveFilter(filter: DeploymentFilterCommand): Promise<DeploymentFilter> {
    const org = filter.organization ? await this.orgs.find(filter.organization, 'filter.organization') : null;
    if (filter.organization && !org) throw notFound('Organization', filter.organization, 'filter.organization');
    return {
      ownerTeam: filter.ownerTeam,
      environment: filter.environment,
      tag: filter.tag?.trim().toLowerCase(),
      organizationId: org?.id ?? null,
      excludeTags: [...new Set((filter.excludeTags ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean))],
    };
  }

  async page(filter: DeploymentFilterCommand, page: PageRequest): Promise<Page<DeploymentRecord>> {
    return this.deployments.page(await this.resolveFilter(filter), page);
  }
}

function required(value: string | null | undefined, field: string, max: number): string {
  const v = value?.trim();
  if (!v || v.length > max) throw invalidInput(field, `must be 1 to ${max} characters`);
  return v;
}
