import { json, NULL, num, row, text, textArray } from '../copy-text';
import { NO_LICENSE } from '../plan/licenses';
import { Access, Role } from '../plan/models.plan';
import { checkpointDigest, datasetName, isoDate, isoTime, modelName } from '../plan/names';
import { nodeId, SeedPlan } from '../plan/seed.plan';
import { COUNTRIES, MODALITIES, SIZES } from '../plan/vocabulary';
import { hash32, Stream } from '../random';
import { datasetClaims, datasetObservedAt, modelClaims, modelPage, REGISTERED_RELATIONS } from './claims';
import { comparable, COLLECTOR, EvidenceFields, HUB } from './evidence';
import { TableRows } from './table-rows';

const ACCESS = ['OPEN_WEIGHTS', 'API_ONLY', 'CLOSED'];

/** One identity row per model, dataset and checkpoint, in id order (models, datasets, checkpoints). */
export function lineageNodeRows(p: SeedPlan): TableRows {
  return {
    table: 'lineage_node',
    columns: ['id', 'kind', 'key'],
    expected: p.expected.lineage_node,
    *rows() {
      for (let i = 0; i < p.models.count; i++) yield `${nodeId.model(p, i)}\tMODEL\t${modelName(p, i)}\n`;
      for (let d = 0; d < p.datasets.count; d++) yield `${nodeId.dataset(p, d)}\tDATASET\t${datasetName(p, d)}\n`;
      for (let c = 0; c < p.checkpoints.count; c++) yield `${nodeId.checkpoint(p, c)}\tCHECKPOINT\t${checkpointDigest(p.seed, c)}\n`;
    },
  };
}

function countryEvidence(observedAt: string, page: string): EvidenceFields {
  return {
    origin: 'THIRD_PARTY_REPORT',
    justification: 'Developed by a team based in another country than its publisher (synthetic)',
    documentRef: page,
    collector: COLLECTOR,
    observedAt,
    confidence: 0.8,
  };
}

export function modelRows(p: SeedPlan): TableRows {
  const m = p.models;
  return {
    table: 'model',
    columns: [
      'id',
      'name',
      'publisher_id',
      'license',
      'license_ids',
      'license_evidence',
      'country_override',
      'country_evidence',
      'access',
      'modality',
      'parameter_count',
      'release_date',
      'evidence',
      'registration',
    ],
    expected: m.count,
    *rows() {
      for (let i = 0; i < m.count; i++) {
        const name = modelName(p, i);
        const page = modelPage(name);
        const observedAt = isoTime(m.day[i], hash32(p.seed, Stream.MODEL, i, 2));
        const evidence: EvidenceFields = {
          origin: 'MODEL_CARD',
          justification: 'Model card on the synthetic hub',
          documentRef: page,
          collector: COLLECTOR,
          observedAt,
          confidence: 0.95,
        };
        const lic = m.license[i];
        const license = lic === NO_LICENSE ? null : p.licenses.expressions[lic];
        const country = m.countryOverride[i] === 255 ? null : COUNTRIES[m.countryOverride[i]][0];
        const cEvidence = country ? countryEvidence(observedAt, page) : null;
        const api = m.role[i] === Role.API;
        const parameters = api ? null : SIZES[m.size[i]][1];
        const modality = MODALITIES[m.modality[i]][0];
        const releaseDate = isoDate(m.day[i]);
        const publisherId = String(p.orgs[m.publisher[i]].id);
        const lineage = modelClaims(p, i, name)
          .filter((c) => REGISTERED_RELATIONS.has(c.relation))
          .map((c) => ({
            evidence: comparable(c.evidence),
            ...(c.mergeWeight !== null ? { mergeWeight: c.mergeWeight } : {}),
            relation: c.relation,
            sourceId: String(c.sourceId),
          }));
        // Sorted keys, nulls dropped: the canonical payload registerModel stores for idempotent retries.
        const registration = {
          access: ACCESS[m.access[i]],
          ...(cEvidence ? { countryEvidence: comparable(cEvidence), countryOverride: country } : {}),
          evidence: comparable(evidence),
          ...(license ? { license, licenseEvidence: comparable(evidence) } : {}),
          lineage,
          modality,
          name,
          ...(parameters ? { parameterCount: parameters } : {}),
          publisherId,
          releaseDate,
        };
        yield row([
          String(nodeId.model(p, i)),
          name,
          publisherId,
          text(license),
          textArray(lic === NO_LICENSE ? [] : p.licenses.ids[lic]),
          license ? json(evidence) : NULL,
          text(country),
          json(cEvidence),
          ACCESS[m.access[i]],
          modality,
          num(parameters),
          releaseDate,
          json(evidence),
          json(registration),
        ]);
      }
    },
  };
}

export function datasetRows(p: SeedPlan): TableRows {
  const ds = p.datasets;
  return {
    table: 'dataset',
    columns: ['id', 'name', 'publisher_id', 'description', 'license', 'license_ids', 'country_override', 'country_evidence', 'evidence', 'registration'],
    expected: ds.count,
    *rows() {
      for (let d = 0; d < ds.count; d++) {
        const name = datasetName(p, d);
        const claims = datasetClaims(p, d, name);
        const synthetic = ds.genOffset[d + 1] > ds.genOffset[d];
        const description = synthetic ? 'Synthetic dataset generated with language models' : 'Collected and curated dataset';
        const lic = ds.license[d];
        const license = lic === NO_LICENSE ? null : p.licenses.expressions[lic];
        const evidence: EvidenceFields = {
          origin: 'MODEL_CARD',
          justification: 'Dataset card on the synthetic hub',
          documentRef: `${HUB}/datasets/${name}`,
          collector: COLLECTOR,
          observedAt: datasetObservedAt(p, d),
          confidence: 0.95,
        };
        const publisherId = String(p.orgs[ds.publisher[d]].id);
        const registration = {
          description,
          evidence: comparable(evidence),
          generatedBy: claims.filter((c) => c.relation === 'GENERATED_BY').map((c) => ({ evidence: comparable(c.evidence), sourceId: String(c.sourceId) })),
          ...(license ? { license } : {}),
          name,
          publisherId,
        };
        yield row([
          String(nodeId.dataset(p, d)),
          name,
          publisherId,
          description,
          text(license),
          textArray(lic === NO_LICENSE ? [] : p.licenses.ids[lic]),
          NULL,
          NULL,
          json(evidence),
          json(registration),
        ]);
      }
    },
  };
}

/** Access of a model, for rows elsewhere that must skip models nothing can be deployed from. */
export const isClosed = (p: SeedPlan, i: number) => p.models.access[i] === Access.CLOSED;
