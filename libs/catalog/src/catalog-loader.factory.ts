import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { CustomLicenseRepository } from './license/custom-license.repository';
import { LineageEdgeRepository, LineageNodeRecord, LineageNodeRepository } from '@pedigree/lineage';
import { NodeKind, Relation } from '@pedigree/core';
import { byKey, CatalogLoaders, groupByKey } from './catalog.loaders';
import { CheckpointRepository } from './checkpoint/checkpoint.repository';
import { DatasetRepository } from './dataset/dataset.repository';
import { ModelRepository } from './model/model.repository';
import { OrganizationRepository } from './organization/organization.repository';
import { NodeOriginRepository } from './origin/node-origin.repository';
import { OwnershipService } from './ownership/ownership.service';
import { SignatureRepository } from './signature/signature.repository';

@Injectable()
export class CatalogLoaderFactory {
  constructor(
    private readonly orgs: OrganizationRepository,
    private readonly models: ModelRepository,
    private readonly datasets: DatasetRepository,
    private readonly checkpoints: CheckpointRepository,
    private readonly nodes: LineageNodeRepository,
    private readonly edges: LineageEdgeRepository,
    private readonly licenses: CustomLicenseRepository,
    private readonly origins: NodeOriginRepository,
    private readonly ownership: OwnershipService,
    private readonly signatures: SignatureRepository,
  ) {}

  create(): CatalogLoaders {
    const model = new DataLoader(async (ids: readonly string[]) => byKey(ids, await this.models.findByIds(ids), (m) => m.id));
    const dataset = new DataLoader(async (ids: readonly string[]) => byKey(ids, await this.datasets.findByIds(ids), (d) => d.id));
    const checkpoint = new DataLoader(async (ids: readonly string[]) => byKey(ids, await this.checkpoints.findByIds(ids), (c) => c.id));
    const byKind = { [NodeKind.MODEL]: model, [NodeKind.DATASET]: dataset, [NodeKind.CHECKPOINT]: checkpoint };
    // One query for kinds, then one batched query per kind present: constant per request, whatever the node count.
    const node = new DataLoader<string, LineageNodeRecord | null>(async (ids) => {
      const identities = byKey(ids, await this.nodes.findByIds(ids), (n) => n.id);
      return Promise.all(identities.map((n) => (n ? byKind[n.kind].load(n.id) : null)));
    });
    return {
      node,
      model,
      dataset,
      checkpoint,
      organization: new DataLoader(async (ids) => byKey(ids, await this.orgs.findByIds(ids), (o) => o.id)),
      organizationRoot: new DataLoader(async (ids) => byKey(ids, await this.orgs.roots(ids), (r) => r.organizationId)),
      origin: new DataLoader(async (ids) => byKey(ids, await this.origins.findByNodes(ids), (o) => o.nodeId)),
      aliases: new DataLoader(async (ids) => groupByKey(ids, await this.orgs.aliases(ids), (a) => a.organizationId).map((l) => l.map((a) => a.alias))),
      stake: new DataLoader(async (ids) => byKey(ids, await this.ownership.findByIds(ids), (s) => s.id)),
      owners: new DataLoader(async (ids) => groupByKey(ids, await this.ownership.activeByOwned(ids), (s) => s.ownedId)),
      controllingOwners: new DataLoader(async (ids) => {
        const chains = await this.ownership.controllingChains(ids);
        return ids.map((id) => chains.get(id) ?? []);
      }),
      effectiveOwners: new DataLoader(async (ids) => {
        const holdings = await this.ownership.effectiveHoldings(ids);
        return ids.map((id) => holdings.get(id) ?? []);
      }),
      checkpointsByModel: new DataLoader(async (ids) => groupByKey(ids, await this.checkpoints.findByModels(ids), (c) => c.modelId)),
      signatureByCheckpoint: new DataLoader(async (ids) => byKey(ids, await this.signatures.latestByCheckpoints(ids), (s) => s.checkpointId)),
      trainingRunByCheckpoint: new DataLoader(async (ids) => byKey(ids, await this.checkpoints.trainingRunsByCheckpoints(ids), (r) => r.checkpointId!)),
      trainingRunsByModel: new DataLoader(async (ids) => groupByKey(ids, await this.checkpoints.trainingRunsByModels(ids), (r) => r.modelId!)),
      edgesByTrainingRun: new DataLoader(async (ids) => groupByKey(ids, await this.edges.findByTrainingRuns(ids), (e) => e.trainingRunId!)),
      generatorsByDataset: new DataLoader(async (ids) => groupByKey(ids, await this.edges.findActiveByDerived(ids, Relation.GENERATED_BY), (e) => e.derivedId)),
      customLicense: new DataLoader(async (keys) => byKey(keys, await this.licenses.findByKeys(keys), (l) => l.key)),
    };
  }
}
