import { CliOutput } from '../cli-output';
import { CliError, RegistryClient } from '../registry-client';
import { column, numeric, Report } from '../report-format';
import { FormatOptions, inTermsOf, outputFormat } from './report-options';

/** The impact targets, in the order the help lists them; the flag is the key of `ImpactTargetInput`. */
export const IMPACT_TARGETS = ['organization', 'country', 'model', 'dataset', 'checkpoint'] as const;
type Target = (typeof IMPACT_TARGETS)[number];

export type ImpactOptions = FormatOptions & Partial<Record<Target, string>> & { relation?: string[] };

const PAGE = 500;
const QUERY = `query($of: ImpactTargetInput!, $relations: [Relation!], $withTotals: Boolean!, $affected: Boolean!, $deployments: Boolean!, $first: Int!, $after: String) {
  impact(of: $of, relations: $relations) {
    target affectedCount deploymentCount productionDeploymentCount truncated
    byKind @include(if: $withTotals) { kind count }
    byRelation @include(if: $withTotals) { relation count }
    affected(first: $first, after: $after) @include(if: $affected) {
      pageInfo { hasNextPage endCursor }
      edges { node { depth kinds inTarget node { __typename name ... on Model { country publisher { name } } ... on Dataset { country publisher { name } } } } }
    }
    deployments(first: $first, after: $after) @include(if: $deployments) {
      pageInfo { hasNextPage endCursor }
      edges { node { explanation deployment { name environment ownerTeam criticality country } } }
    }
  }
}`;

type Page<T> = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: T }[] };
interface Affected {
  depth: number;
  kinds: string[];
  /** Part of the target itself, below another of its nodes. */
  inTarget: boolean;
  node: { __typename: string; name: string; country?: string | null; publisher?: { name: string } | null };
}
interface AffectedDeployment {
  explanation: string;
  deployment: { name: string; environment: string; ownerTeam: string; criticality: string; country: string | null };
}
interface ImpactHead {
  target: string;
  affectedCount: number;
  deploymentCount: number;
  productionDeploymentCount: number;
  truncated: boolean;
  byKind?: { kind: string; count: number }[];
  byRelation?: { relation: string; count: number }[];
  affected?: Page<Affected>;
  deployments?: Page<AffectedDeployment>;
}
export interface Impact extends Omit<ImpactHead, 'affected' | 'deployments'> {
  affected: Affected[];
  deployments: AffectedDeployment[];
}

/** Exactly one target flag, named in the error when there is none or more than one. */
export function impactTarget(opts: ImpactOptions): { of: Partial<Record<Target, string>>; flag: string } {
  const given = IMPACT_TARGETS.filter((t) => opts[t] !== undefined);
  const flags = IMPACT_TARGETS.map((t) => `--${t}`);
  if (given.length === 0) throw new CliError(`impact needs a target: give exactly one of ${flags.join(', ')}`, 'USAGE');
  if (given.length > 1) throw new CliError(`impact takes exactly one target; got ${given.map((t) => `--${t}`).join(' and ')}`, 'USAGE');
  const value = opts[given[0]]!.trim();
  if (!value) throw new CliError(`--${given[0]} needs a value`, 'USAGE');
  return { of: { [given[0]]: value }, flag: `--${given[0]}` };
}

export function impactReport(i: Impact): Report {
  const inTarget = i.affected.filter((a) => a.inTarget).length;
  const what = `models, checkpoints, datasets${inTarget ? `; ${inTarget} of them part of the target` : ''}`;
  return {
    title: `Impact of ${i.target}`,
    summary: [
      `affected: ${i.affectedCount} descendant${i.affectedCount === 1 ? '' : 's'} (${what}), ${i.deploymentCount} deployment${i.deploymentCount === 1 ? '' : 's'}, ${i.productionDeploymentCount} in production`,
      ...(i.truncated ? ['The walk hit its depth limit (100): there may be more.'] : []),
    ],
    sections: [
      {
        title: 'Affected',
        columns: [
          numeric('depth'),
          column('name'),
          column('in_target', 'in target'),
          column('kind'),
          column('publisher'),
          column('country'),
          column('kinds', 'through'),
        ],
        rows: i.affected.map((a) => ({
          depth: a.depth,
          name: a.node.name,
          in_target: a.inTarget,
          kind: a.node.__typename.toLowerCase(),
          publisher: a.node.publisher?.name,
          country: a.node.country,
          kinds: a.kinds,
        })),
      },
      {
        title: 'Deployments',
        columns: [
          column('deployment'),
          column('environment'),
          column('owner_team', 'owner team'),
          column('criticality'),
          column('explanation', 'how it is reached'),
        ],
        rows: i.deployments.map((d) => ({
          deployment: d.deployment.name,
          environment: d.deployment.environment,
          owner_team: d.deployment.ownerTeam,
          criticality: d.deployment.criticality,
          explanation: d.explanation,
        })),
      },
      {
        title: 'Edges by relation',
        columns: [column('relation'), numeric('count', 'edges')],
        rows: (i.byRelation ?? []).map((r) => ({ relation: r.relation, count: r.count })),
      },
    ],
  };
}

/** Both lists, page by page: an organization's impact can run to thousands of descendants. */
async function fetchImpact(client: RegistryClient, vars: Record<string, unknown>): Promise<Impact> {
  const ask = (v: Record<string, unknown>) => client.request<{ impact: ImpactHead }>(QUERY, { ...vars, first: PAGE, ...v }).then((r) => r.impact);
  const head = await ask({ withTotals: true, affected: true, deployments: true, after: null });
  const all = async <T>(key: 'affected' | 'deployments', first: Page<T>): Promise<T[]> => {
    const items = first.edges.map((e) => e.node);
    for (let page = first; page.pageInfo.hasNextPage;) {
      page = (await ask({ withTotals: false, affected: key === 'affected', deployments: key === 'deployments', after: page.pageInfo.endCursor }))[
        key
      ] as unknown as Page<T>;
      items.push(...page.edges.map((e) => e.node));
    }
    return items;
  };
  const { affected, deployments, ...rest } = head;
  return { ...rest, affected: await all('affected', affected!), deployments: await all('deployments', deployments!) };
}

export async function impactCommand(client: RegistryClient, output: CliOutput, json: boolean, opts: ImpactOptions): Promise<void> {
  const format = outputFormat(json, opts);
  const { of, flag } = impactTarget(opts);
  const relations = opts.relation?.map((r) => r.toUpperCase());
  const impact = await inTermsOf(fetchImpact(client, { of, relations: relations ?? null }), (field) =>
    field === 'of' || field.startsWith('of.') ? flag : field.startsWith('relations') ? '--relation' : undefined,
  );
  output.report(format, impactReport(impact), impact);
}
