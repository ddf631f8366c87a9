import { Injectable, Logger } from '@nestjs/common';
import {
  CustomLicenseService,
  DatasetService,
  ModelAccess,
  ModelService,
  ModelTrainingRunService,
  OrganizationKind,
  OrganizationService,
  OwnershipService,
  TrainingMethod,
} from '@pedigree/catalog';
import { Criticality, DeploymentEnvironment, DeploymentService } from '@pedigree/deployment';
import { AuxiliaryRole, EvidenceOrigin, Relation } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { LineageService, NodeRef } from '@pedigree/lineage';
import catalog from './demo-catalog.json';
import { DemoCatalogRepository } from './demo-catalog.repository';

type Catalog = typeof catalog;
/** The JSON's optional fields, which `typeof` only knows from the entries that happen to have them. */
type DemoLicense = Catalog['licenses'][number] & { url?: string; forbidsCompetingModels?: boolean };
type DemoModel = Catalog['models'][number] & {
  license?: string;
  modality?: string;
  parameterCount?: number;
  releaseDate?: string;
  /** Stated only where the model card supports it: `chat` for chat and instruct models. */
  tasks?: string[];
  documentRef?: string;
  countryOverride?: { country: string; documentRef?: string; justification: string };
};
type DemoDeployment = Catalog['deployments'][number] & { tasks?: string[] };
type DemoStake = Catalog['ownershipStakes'][number] & { validFrom?: string };
/** A generator may name the snapshot of an API model and when it was used, when the source states them. */
type DemoGenerator = Catalog['datasets'][number]['generatedBy'][number] & { teacherSnapshot?: string; usedFrom?: string; usedTo?: string };
type DemoEdge = Catalog['edges'][number] & { mergeWeight?: number; auxiliaryRole?: string; teacherSnapshot?: string; usedFrom?: string; usedTo?: string };
const COLLECTOR = 'pedigree-demo-catalog';

/**
 * Loads the demo catalog of real public models, once, into an empty registry, through the same
 * services the API uses, in one transaction so a failed load leaves nothing half-seeded.
 */
@Injectable()
export class DemoCatalogSeeder {
  private readonly logger = new Logger('DemoCatalog');

  constructor(
    private readonly db: Db,
    private readonly repo: DemoCatalogRepository,
    private readonly licenses: CustomLicenseService,
    private readonly orgs: OrganizationService,
    private readonly ownership: OwnershipService,
    private readonly models: ModelService,
    private readonly datasets: DatasetService,
    private readonly lineage: LineageService,
    private readonly runs: ModelTrainingRunService,
    private readonly deployments: DeploymentService,
  ) {}

  /** Two instances starting on one empty database must not both seed: the lock makes the check-and-load atomic. */
  async seedIfEmpty(): Promise<boolean> {
    if (!(await this.orgs.isEmpty())) return false;
    const seeded = await this.db.transaction(async () => {
      await this.repo.lockSeeding();
      if (!(await this.orgs.isEmpty())) return false;
      await this.load(catalog);
      return true;
    });
    if (seeded) {
      this.logger.log(
        `Loaded ${catalog.models.length} models, ${catalog.datasets.length} datasets, ${catalog.edges.length} lineage edges, ` +
          `${catalog.trainingRuns.length} training runs and ${catalog.deployments.length} deployments`,
      );
    }
    return seeded;
  }

  private async load(c: Catalog): Promise<void> {
    const cited = (documentRef: string | null | undefined, justification: string) => ({
      origin: EvidenceOrigin.THIRD_PARTY_REPORT,
      justification,
      documentRef: documentRef ?? undefined,
      collector: COLLECTOR,
    });
    for (const l of c.licenses as DemoLicense[]) {
      await this.licenses.register({ ...l, evidence: cited(l.url, `License terms as published by the licensor`) });
    }
    for (const o of c.organizations) {
      await this.orgs.register({ ...o, kind: o.kind as OrganizationKind, evidence: cited(o.documentRef, 'Public company or project information') });
    }
    for (const s of c.ownershipStakes as DemoStake[]) {
      await this.ownership.record({
        owner: s.owner,
        owned: s.owned,
        percentage: s.percentage,
        validFrom: s.validFrom,
        recordedBy: COLLECTOR,
        evidence: { ...cited(s.documentRef, s.justification), confidence: s.confidence },
      });
    }
    for (const m of c.models as DemoModel[]) {
      await this.models.register({
        name: m.name,
        publisher: m.publisher,
        license: m.license,
        access: m.access as ModelAccess,
        modality: m.modality,
        parameterCount: m.parameterCount,
        releaseDate: m.releaseDate,
        tasks: m.tasks,
        recordedBy: COLLECTOR,
        countryOverride: m.countryOverride
          ? { country: m.countryOverride.country, evidence: cited(m.countryOverride.documentRef, m.countryOverride.justification) }
          : null,
        evidence: { ...cited(m.documentRef, 'Model card or vendor documentation'), origin: EvidenceOrigin.MODEL_CARD },
      });
    }
    for (const d of c.datasets) {
      await this.datasets.register({
        name: d.name,
        publisher: d.publisher,
        license: d.license,
        description: d.description,
        recordedBy: COLLECTOR,
        generatedBy: (d.generatedBy as DemoGenerator[]).map((g) => ({
          source: { model: g.model },
          teacherSnapshot: g.teacherSnapshot,
          usedFrom: g.usedFrom,
          usedTo: g.usedTo,
          evidence: { ...cited(g.documentRef, g.justification), confidence: g.confidence },
        })),
        evidence: { ...cited(d.documentRef, 'Dataset card'), origin: EvidenceOrigin.MODEL_CARD },
      });
    }
    const datasetNames = new Set(c.datasets.map((d) => d.name));
    const ref = (name: string): NodeRef => (datasetNames.has(name) ? { dataset: name } : { model: name });
    for (const e of c.edges as DemoEdge[]) {
      await this.lineage.assert({
        derived: ref(e.derived),
        source: ref(e.source),
        relation: e.relation as Relation,
        mergeWeight: e.mergeWeight ?? null,
        auxiliaryRole: (e.auxiliaryRole as AuxiliaryRole | undefined) ?? null,
        teacherSnapshot: e.teacherSnapshot,
        usedFrom: e.usedFrom,
        usedTo: e.usedTo,
        recordedBy: COLLECTOR,
        evidence: {
          origin: e.origin as EvidenceOrigin,
          justification: e.justification,
          documentRef: e.documentRef,
          confidence: e.confidence,
          collector: COLLECTOR,
        },
      });
    }
    for (const r of c.trainingRuns) {
      await this.runs.record({
        model: { model: r.model },
        method: r.method as TrainingMethod,
        computeProvider: r.computeProvider,
        evidence: { ...cited(r.documentRef, r.justification), origin: EvidenceOrigin.MODEL_CARD, confidence: r.confidence },
      });
    }
    for (const d of c.deployments as DemoDeployment[]) {
      await this.deployments.register({
        name: d.name,
        system: d.system,
        ownerTeam: d.ownerTeam,
        owner: d.owner,
        environment: d.environment as DeploymentEnvironment,
        criticality: d.criticality as Criticality,
        uses: { model: d.model },
        inferenceProvider: d.inferenceProvider,
        tags: ['demo-catalog'],
        tasks: d.tasks,
        recordedBy: COLLECTOR,
        evidence: { ...cited(d.documentRef, d.justification), confidence: d.confidence },
      });
    }
  }
}
