import { Injectable } from '@nestjs/common';
import { NodeFactsRepository, OwnershipService, SignatureService } from '@pedigree/catalog';
import { NodeKind } from '@pedigree/core';
import { DeploymentRecord, DeploymentRepository } from '@pedigree/deployment';
import { SubjectExposure, SubjectExposureLoader } from '@pedigree/exposure';
import { AncestryGraph, OrgRef } from '@pedigree/exposure/rules';
import { ScopeFacts } from './policy-evaluation.rules';
import { DeploymentFacts, SubjectEvidence } from './policy-facts';
import { SignatureFacts } from './signature-facts';
import { PolicySubjectKind } from './policy.record';

/** A subject ready for evaluation: its evidence, what scopes need, and how messages name it. */
export interface LoadedSubject {
  key: string;
  name: string;
  nodeId: string | null;
  deploymentId: string | null;
  evidence: SubjectEvidence;
  scope: ScopeFacts;
}

export const nodeSubjectKey = (id: string) => `node:${id}`;
export const deploymentSubjectKey = (id: string) => `deployment:${id}`;

/**
 * Loads what conditions read, for many subjects in a bounded number of statements: one ancestry
 * load for all nodes, then descriptions, deployments, organizations, ownership chains and
 * checkpoint signatures in batches.
 */
@Injectable()
export class SubjectEvidenceLoader {
  constructor(
    private readonly exposure: SubjectExposureLoader,
    private readonly facts: NodeFactsRepository,
    private readonly ownership: OwnershipService,
    private readonly deployments: DeploymentRepository,
    private readonly signatures: SignatureService,
  ) {}

  async nodes(nodeIds: readonly string[], options: { inTransaction?: boolean } = {}): Promise<LoadedSubject[]> {
    if (!nodeIds.length) return [];
    const [exposures, descriptions, running] = await Promise.all([
      this.exposure.nodes(nodeIds, options),
      this.facts.descriptions(nodeIds),
      this.deployments.runningNodes(nodeIds),
    ]);
    const deploymentFacts = await this.deploymentFacts(running);
    const orgIds = new Set<string>();
    for (const x of exposures.values()) for (const n of x.graph.nodes.values()) if (n.publisher) orgIds.add(n.publisher.id);
    const [chains, signatures] = await Promise.all([this.chains([...orgIds]), this.signaturesIn([...exposures.values()].map((x) => x.graph))]);
    const out: LoadedSubject[] = [];
    for (const id of nodeIds) {
      const x = exposures.get(id);
      if (!x) continue;
      const root = x.graph.nodes.get(id)!;
      const mine = running.map((d, i) => (d.subjectId === id ? deploymentFacts[i] : null)).filter((d): d is DeploymentFacts => d !== null);
      const kind = root.kind as unknown as PolicySubjectKind;
      const evidence: SubjectEvidence = {
        kind,
        id,
        ...x,
        chains,
        node: descriptions.get(id) ?? { modality: null, parameterCount: null, tasks: [] },
        deployments: mine,
        deployment: null,
        signatures,
      };
      out.push({ key: nodeSubjectKey(id), name: root.name, nodeId: id, deploymentId: null, evidence, scope: scopeOf(kind, root.publisher, mine, chains) });
    }
    return out;
  }

  async deployment(name: string, options: { inTransaction?: boolean } = {}): Promise<LoadedSubject> {
    const x: SubjectExposure & { deploymentId: string } = await this.exposure.deployment(name, options);
    const [record] = await this.deployments.findByIds([x.deploymentId]);
    const [[facts], descriptions] = await Promise.all([this.deploymentFacts([record]), this.facts.descriptions([record.nodeId])]);
    const orgIds = new Set<string>(record.ownerId ? [record.ownerId] : []);
    for (const n of x.graph.nodes.values()) if (n.publisher) orgIds.add(n.publisher.id);
    const [chains, signatures] = await Promise.all([this.chains([...orgIds]), this.signaturesIn([x.graph])]);
    const evidence: SubjectEvidence = {
      kind: PolicySubjectKind.DEPLOYMENT,
      id: record.id,
      graph: x.graph,
      report: x.report,
      terms: x.terms,
      chains,
      node: descriptions.get(record.nodeId) ?? { modality: null, parameterCount: null, tasks: [] },
      deployments: [facts],
      deployment: facts,
      signatures,
    };
    return {
      key: deploymentSubjectKey(record.id),
      name: record.name,
      nodeId: null,
      deploymentId: record.id,
      evidence,
      scope: scopeOf(PolicySubjectKind.DEPLOYMENT, facts.owner, [facts], chains),
    };
  }

  private async deploymentFacts(records: readonly DeploymentRecord[]): Promise<DeploymentFacts[]> {
    const ids = [...new Set(records.flatMap((d) => [d.ownerId, d.inferenceProviderId]).filter((id): id is string => !!id))];
    const [orgs, vendors] = await Promise.all([this.facts.organizations(ids), this.facts.rollUp(ids)]);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const ref = (id: string | null) => (id ? (byId.get(id) ?? null) : null);
    const vendor = (id: string | null) => (id ? (vendors.get(id) ?? null) : null);
    return records.map((d) => ({
      id: d.id,
      name: d.name,
      system: d.system,
      environment: d.environment,
      criticality: d.criticality,
      ownerTeam: d.ownerTeam,
      tags: d.tags,
      tasks: d.tasks,
      owner: ref(d.ownerId),
      ownerVendor: vendor(d.ownerId),
      provider: ref(d.inferenceProviderId),
      providerVendor: vendor(d.inferenceProviderId),
      region: d.region,
      country: d.country,
    }));
  }

  /** The latest signature of every checkpoint in the graphs: one statement, whatever their number. */
  private async signaturesIn(graphs: readonly AncestryGraph[]): Promise<Map<string, SignatureFacts>> {
    const ids = new Set<string>();
    for (const g of graphs) for (const n of g.nodes.values()) if (n.kind === NodeKind.CHECKPOINT) ids.add(n.id);
    if (!ids.size) return new Map();
    const records = await this.signatures.latestByCheckpoints([...ids]);
    return new Map(
      records.map((r) => [
        r.checkpointId,
        { status: r.status, method: r.method, fingerprint: r.signerFingerprint, subject: r.signerSubject, issuer: r.signerIssuer },
      ]),
    );
  }

  /** Controlling owners of each organization, nearest first, as organizations. */
  private async chains(orgIds: readonly string[]): Promise<Map<string, OrgRef[]>> {
    const ids = await this.ownership.controllingChains(orgIds);
    const all = [...new Set([...ids.values()].flat())];
    const refs = new Map((await this.facts.organizations(all)).map((o) => [o.id, o]));
    return new Map([...ids].map(([id, chain]) => [id, chain.map((o) => refs.get(o)!).filter(Boolean)]));
  }
}

function scopeOf(
  kind: PolicySubjectKind,
  organization: OrgRef | null,
  deployments: readonly DeploymentFacts[],
  chains: ReadonlyMap<string, readonly OrgRef[]>,
): ScopeFacts {
  const organizationIds = new Set<string>();
  if (organization) {
    organizationIds.add(organization.id);
    for (const o of chains.get(organization.id) ?? []) organizationIds.add(o.id);
  }
  return {
    kind,
    environments: new Set(deployments.map((d) => d.environment)),
    tags: new Set(deployments.flatMap((d) => d.tags)),
    ownerTeams: new Set(deployments.map((d) => d.ownerTeam)),
    organizationIds,
  };
}
