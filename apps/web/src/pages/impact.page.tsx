import { useState, type FormEvent } from 'react';
import { useGraphql } from '../api/use-graphql';
import { DataTable, type TableColumn } from '../components/data-table';
import { ErrorPanel, Loading } from '../components/error-panel';
import { ReportPage } from '../components/report-page';
import { href, Link, navigate, useLocation } from '../app/router';

const IMPACT = `query ImpactReport($of: ImpactTargetInput!) {
  impact(of: $of) {
    target affectedCount deploymentCount productionDeploymentCount truncated
    byKind { kind count }
    byRelation { relation count }
    affected(first: 500) { totalCount edges { node { id depth kinds dependency inTarget node { name kind } } } }
    deployments(first: 500) { totalCount edges { node { explanation deployment { id name system environment criticality owner { name } } } } }
  }
}`;

interface Affected {
  id: string;
  depth: number;
  kinds: string[];
  dependency: string | null;
  inTarget: boolean;
  node: { name: string; kind: string };
}
interface AffectedDeployment {
  explanation: string;
  deployment: { id: string; name: string; system: string; environment: string; criticality: string; owner: { name: string } | null };
}
interface ImpactData {
  impact: {
    target: string;
    affectedCount: number;
    deploymentCount: number;
    productionDeploymentCount: number;
    truncated: boolean;
    byKind: { kind: string; count: number }[];
    byRelation: { relation: string; count: number }[];
    affected: { totalCount: number; edges: { node: Affected }[] };
    deployments: { totalCount: number; edges: { node: AffectedDeployment }[] };
  };
}

const TARGETS = [
  { key: 'organization', label: 'Organization', placeholder: 'meta, deepseek, Alibaba…' },
  { key: 'country', label: 'Country', placeholder: 'CN, US, France…' },
  { key: 'model', label: 'Model', placeholder: 'meta-llama/Llama-3.1-8B' },
];
const CRITICALITY = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

const affectedColumns: TableColumn<Affected>[] = [
  {
    header: 'Affected',
    value: (a) => a.node.name,
    render: (a) => (a.node.kind === 'MODEL' ? <Link to={href('/model', { name: a.node.name })}>{a.node.name}</Link> : a.node.name),
  },
  { header: 'Kind', value: (a) => a.node.kind },
  { header: 'Depth', value: (a) => a.depth, numeric: true },
  { header: 'Through', value: (a) => a.kinds.join(' ') },
  { header: 'In the target itself', value: (a) => (a.inTarget ? 'yes' : 'no') },
];
const deploymentColumns: TableColumn<AffectedDeployment>[] = [
  {
    header: 'Deployment',
    value: (d) => d.deployment.name,
    render: (d) => <Link to={href('/exposure', { deployment: d.deployment.name })}>{d.deployment.name}</Link>,
  },
  { header: 'System', value: (d) => d.deployment.system },
  { header: 'Environment', value: (d) => d.deployment.environment },
  { header: 'Criticality', value: (d) => d.deployment.criticality },
  { header: 'Owner', value: (d) => d.deployment.owner?.name },
  { header: 'Path', value: (d) => d.explanation },
];

export function ImpactPage() {
  const { params } = useLocation();
  const target = TARGETS.find((t) => params.get(t.key));
  const value = target ? params.get(target.key)! : '';
  const [form, setForm] = useState({ key: target?.key ?? 'organization', value });
  const result = useGraphql<ImpactData>(IMPACT, { of: target ? { [target.key]: value } : {} }, !target);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(href('/impact', { [form.key]: form.value.trim() }));
  };
  const i = result.data?.impact;
  const deployments = i?.deployments.edges.map((e) => e.node) ?? [];
  const byCriticality = CRITICALITY.map((c) => ({ criticality: c, count: deployments.filter((d) => d.deployment.criticality === c).length }));
  return (
    <ReportPage title="Impact" subtitle={i ? `if ${i.target} changes terms or goes away` : undefined}>
      <form className="filters no-print" onSubmit={submit} aria-label="Impact of">
        <div className="field">
          <label htmlFor="i-kind">Target</label>
          <select id="i-kind" value={form.key} onChange={(e) => setForm({ ...form, key: e.target.value })}>
            {TARGETS.map((t) => (
              <option key={t.key} value={t.key}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field wide">
          <label htmlFor="i-value">Name</label>
          <input
            id="i-value"
            value={form.value}
            placeholder={TARGETS.find((t) => t.key === form.key)!.placeholder}
            onChange={(e) => setForm({ ...form, value: e.target.value })}
          />
        </div>
        <button type="submit">Show impact</button>
      </form>
      {!target ? <p>Pick an organization, a country or a model to see everything built on it and the deployments that would be affected.</p> : null}
      {result.error ? <ErrorPanel error={result.error} onRetry={result.reload} /> : null}
      {result.loading ? <Loading what="the impact" /> : null}
      {i ? (
        <>
          <section className="totals" aria-label="Totals">
            <p>
              <strong>{i.affectedCount}</strong> affected models, checkpoints and datasets; <strong>{i.deploymentCount}</strong> deployments, of which{' '}
              <strong>{i.productionDeploymentCount}</strong> in production.{i.truncated ? ' The walk was cut at the registry’s limit.' : ''}
            </p>
          </section>
          <div className="two-columns">
            <DataTable
              caption="Affected by kind of dependency"
              columns={[
                { header: 'Kind', value: (k) => k.kind },
                { header: 'Count', value: (k) => k.count, numeric: true },
              ]}
              rows={i.byKind}
              rowKey={(k) => k.kind}
              empty="Nothing."
            />
            <DataTable
              caption="Deployments by criticality"
              columns={[
                { header: 'Criticality', value: (c) => c.criticality },
                { header: 'Deployments', value: (c) => c.count, numeric: true },
              ]}
              rows={byCriticality}
              rowKey={(c) => c.criticality}
              empty="Nothing."
              note={i.deployments.totalCount > deployments.length ? `Counted over the first ${deployments.length} of ${i.deployments.totalCount}.` : undefined}
            />
            <DataTable
              caption="Edges by relation"
              columns={[
                { header: 'Relation', value: (r) => r.relation },
                { header: 'Count', value: (r) => r.count, numeric: true },
              ]}
              rows={i.byRelation}
              rowKey={(r) => r.relation}
              empty="Nothing."
            />
          </div>
          <DataTable
            caption="Affected deployments"
            columns={deploymentColumns}
            rows={deployments}
            rowKey={(d) => d.deployment.id}
            empty="No deployment depends on it."
          />
          <DataTable
            caption="Everything affected"
            columns={affectedColumns}
            rows={i.affected.edges.map((e) => e.node)}
            rowKey={(a) => a.id}
            empty="Nothing is built on it."
            note={
              i.affected.totalCount > i.affected.edges.length ? `The first ${i.affected.edges.length} of ${i.affected.totalCount}, nearest first.` : undefined
            }
          />
        </>
      ) : null}
    </ReportPage>
  );
}
