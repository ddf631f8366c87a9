import { json, NULL, row, text, textArray } from '../copy-text';
import { Role } from '../plan/models.plan';
import { isoTime } from '../plan/names';
import { OrgRole } from '../plan/organizations.plan';
import { nodeId, SeedPlan } from '../plan/seed.plan';
import { CRITICALITIES, DEPLOYMENT_TAGS, ENVIRONMENTS, REGIONS, SYSTEMS, TEAMS } from '../plan/vocabulary';
import { cumulative, hash01, hash32, searchCdf, Stream } from '../random';
import { comparable, EvidenceFields } from './evidence';
import { TableRows } from './table-rows';

const environmentCdf = cumulative(ENVIRONMENTS.map((e) => e[1]));
const criticalityCdf = cumulative(CRITICALITIES.map((c) => c[1]));
const weighted = (cdf: Float64Array, u: number) => searchCdf(cdf, u * cdf[cdf.length - 1]);

/**
 * A deployment runs a model's latest checkpoint, served by a cloud or self-hosted, or calls an
 * API model through its vendor. Names are unique: team, system and the model index.
 */
export function deploymentRows(p: SeedPlan): TableRows {
  const clouds = p.orgs.filter((o) => o.role === OrgRole.CLOUD);
  return {
    table: 'deployment',
    columns: [
      'id',
      'name',
      'system',
      'owner_team',
      'environment',
      'criticality',
      'node_id',
      'inference_provider_id',
      'region',
      'country',
      'tags',
      'evidence',
      'registration',
    ],
    expected: p.deployed.length,
    *rows() {
      for (const [k, i] of p.deployed.entries()) {
        const h = hash32(p.seed, Stream.DEPLOYMENT, i, 1);
        const team = TEAMS[h % TEAMS.length];
        const system = SYSTEMS[(h >>> 4) % SYSTEMS.length];
        const name = `${team}/${system}-${i.toString(36)}`;
        const api = p.models.role[i] === Role.API;
        const node = api ? nodeId.model(p, i) : nodeId.checkpoint(p, p.checkpoints.offset[i + 1] - 1);
        const provider = api ? p.orgs[p.models.publisher[i]] : hash01(p.seed, Stream.DEPLOYMENT, i, 2) < 0.6 ? clouds[(h >>> 8) % clouds.length] : null;
        const [region, country] = api && (h >>> 12) % 2 === 0 ? [null, null] : REGIONS[(h >>> 12) % REGIONS.length];
        const tags = DEPLOYMENT_TAGS.filter((_, t) => hash01(p.seed, Stream.DEPLOYMENT, i, 10 + t) < 0.25).sort();
        const environment = ENVIRONMENTS[weighted(environmentCdf, hash01(p.seed, Stream.DEPLOYMENT, i, 3))][0];
        const criticality = CRITICALITIES[weighted(criticalityCdf, hash01(p.seed, Stream.DEPLOYMENT, i, 4))][0];
        const systemName = `${team[0].toUpperCase()}${team.slice(1)} ${system}`;
        const ownerTeam = team;
        const evidence: EvidenceFields = {
          origin: 'PIPELINE_DECLARATION',
          justification: `Declared by the ${team} release pipeline`,
          documentRef: null,
          collector: `deploy/${team}`,
          observedAt: isoTime(Math.min(1460, p.models.day[i] + 20), h),
          confidence: 1,
        };
        const registration = {
          ...(country ? { country } : {}),
          criticality,
          environment,
          evidence: comparable(evidence),
          ...(provider ? { inferenceProviderId: String(provider.id) } : {}),
          name,
          nodeId: String(node),
          ownerTeam,
          ...(region ? { region } : {}),
          system: systemName,
          tags,
        };
        yield row([
          String(k + 1),
          name,
          systemName,
          ownerTeam,
          environment,
          criticality,
          String(node),
          provider ? String(provider.id) : NULL,
          text(region),
          text(country),
          textArray(tags),
          json(evidence),
          json(registration),
        ]);
      }
    },
  };
}
