import { useState, type FormEvent } from 'react';
import {
  DATASETS,
  DEPLOYMENTS,
  MODELS,
  ORGANIZATIONS,
  type Connection,
  type DatasetHit,
  type DeploymentHit,
  type ModelHit,
  type OrganizationHit,
} from '../api/search.queries';
import { useGraphql } from '../api/use-graphql';
import { DataTable, type TableColumn } from '../components/data-table';
import { ErrorPanel, Loading } from '../components/error-panel';
import { href, Link, navigate, useLocation } from '../app/router';
import { formatParameters } from '../components/format';

type Kind = 'models' | 'datasets' | 'organizations' | 'deployments';
const KINDS: { kind: Kind; label: string; filters: string[] }[] = [
  { kind: 'models', label: 'Models', filters: ['q', 'country', 'organization', 'license', 'access'] },
  { kind: 'datasets', label: 'Datasets', filters: ['country', 'license'] },
  { kind: 'organizations', label: 'Organizations', filters: ['country'] },
  { kind: 'deployments', label: 'Deployments', filters: ['organization'] },
];
const PAGE_SIZE = 25;

const modelColumns: TableColumn<ModelHit>[] = [
  { header: 'Model', value: (m) => m.name, render: (m) => <Link to={href('/model', { name: m.name })}>{m.name}</Link> },
  { header: 'Publisher', value: (m) => m.publisher.name },
  { header: 'Vendor', value: (m) => m.publisher.vendor.name },
  { header: 'Country', value: (m) => m.country },
  { header: 'License', value: (m) => m.license },
  { header: 'Access', value: (m) => m.access },
  { header: 'Parameters', value: (m) => m.parameterCount, render: (m) => formatParameters(m.parameterCount), numeric: true },
  {
    header: 'Reports',
    value: () => '',
    screenOnly: true,
    render: (m) => (
      <span className="row-links">
        <Link to={href('/lineage', { model: m.name })} aria-label={`Lineage of ${m.name}`}>
          Lineage
        </Link>{' '}
        <Link to={href('/exposure', { model: m.name })} aria-label={`Exposure of ${m.name}`}>
          Exposure
        </Link>
      </span>
    ),
  },
];
const datasetColumns: TableColumn<DatasetHit>[] = [
  { header: 'Dataset', value: (d) => d.name, render: (d) => <Link to={href('/lineage', { dataset: d.name, direction: 'DESCENDANTS' })}>{d.name}</Link> },
  { header: 'Publisher', value: (d) => d.publisher.name },
  { header: 'Country', value: (d) => d.country },
  { header: 'License', value: (d) => d.license },
];
const organizationColumns: TableColumn<OrganizationHit>[] = [
  { header: 'Organization', value: (o) => o.name, render: (o) => <Link to={href('/impact', { organization: o.slug })}>{o.name}</Link> },
  { header: 'Slug', value: (o) => o.slug },
  { header: 'Kind', value: (o) => o.kind },
  { header: 'Country', value: (o) => o.country },
  { header: 'Vendor (ultimate parent)', value: (o) => o.vendor.name },
];
const deploymentColumns: TableColumn<DeploymentHit>[] = [
  { header: 'Deployment', value: (d) => d.name, render: (d) => <Link to={href('/exposure', { deployment: d.name })}>{d.name}</Link> },
  { header: 'System', value: (d) => d.system },
  { header: 'Environment', value: (d) => d.environment },
  { header: 'Criticality', value: (d) => d.criticality },
  { header: 'Owner', value: (d) => d.owner?.name },
  { header: 'Runs', value: (d) => d.uses.name },
];

function variablesFor(kind: Kind, p: URLSearchParams, after: string | null): Record<string, unknown> {
  const get = (key: string) => p.get(key) || undefined;
  const page = { first: PAGE_SIZE, after: after ?? undefined };
  switch (kind) {
    case 'models':
      return {
        ...page,
        filter: { search: get('q'), country: get('country'), organization: get('organization'), license: get('license'), access: get('access') },
      };
    case 'datasets':
      return { ...page, country: get('country'), license: get('license') };
    case 'organizations':
      return { ...page, country: get('country') };
    case 'deployments':
      return { ...page, filter: { organization: get('organization') } };
  }
}

const QUERIES: Record<Kind, string> = { models: MODELS, datasets: DATASETS, organizations: ORGANIZATIONS, deployments: DEPLOYMENTS };

export function SearchPage() {
  const { params } = useLocation();
  const kind = (KINDS.find((k) => k.kind === params.get('kind'))?.kind ?? 'models') as Kind;
  const after = params.get('after');
  const pageNumber = Number(params.get('page') ?? '1');
  const [form, setForm] = useState(() => Object.fromEntries(['q', 'country', 'organization', 'license', 'access'].map((k) => [k, params.get(k) ?? ''])));
  const result = useGraphql<Record<Kind, Connection<any>>>(QUERIES[kind], variablesFor(kind, params, after));
  const allowed = KINDS.find((k) => k.kind === kind)!.filters;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const values = Object.fromEntries(Object.entries(form).filter(([k]) => allowed.includes(k)));
    navigate(href('/search', { kind, ...values }));
  };
  const connection = result.data?.[kind];
  const nextPage = () => navigate(href('/search', { ...Object.fromEntries(params), after: connection?.pageInfo.endCursor, page: pageNumber + 1 }));
  const field = (key: string, label: string, placeholder: string) =>
    allowed.includes(key) ? (
      <div className="field" key={key}>
        <label htmlFor={`f-${key}`}>{label}</label>
        <input id={`f-${key}`} value={form[key]} placeholder={placeholder} onChange={(e) => setForm({ ...form, [key]: e.target.value })} />
      </div>
    ) : null;

  return (
    <div>
      <h1>Search the catalog</h1>
      <div className="tabs" role="tablist" aria-label="What to search">
        {KINDS.map((k) => (
          <Link
            key={k.kind}
            to={href('/search', { kind: k.kind })}
            role="tab"
            aria-selected={k.kind === kind}
            className={k.kind === kind ? 'tab active' : 'tab'}
          >
            {k.label}
          </Link>
        ))}
      </div>
      <form className="filters" onSubmit={submit} role="search" aria-label={`Filter ${kind}`}>
        {field('q', 'Name contains', 'e.g. R1-Distill-Llama')}
        {field('country', 'Country', 'US, CN, Germany…')}
        {field('organization', 'Organization', 'slug, alias or name')}
        {field('license', 'License', 'MIT, LicenseRef-llama3.1…')}
        {allowed.includes('access') ? (
          <div className="field">
            <label htmlFor="f-access">Access</label>
            <select id="f-access" value={form.access} onChange={(e) => setForm({ ...form, access: e.target.value })}>
              <option value="">Any</option>
              <option value="OPEN_WEIGHTS">Open weights</option>
              <option value="API_ONLY">API only</option>
              <option value="CLOSED">Closed</option>
            </select>
          </div>
        ) : null}
        <button type="submit">Search</button>
      </form>
      {kind !== 'models' ? (
        <p className="table-note">
          Name search covers models; the registry filters {kind} by {allowed.join(' and ')}.
        </p>
      ) : null}
      {result.error ? <ErrorPanel error={result.error} onRetry={result.reload} /> : null}
      {result.loading ? <Loading what={kind} /> : null}
      {connection ? (
        <>
          <p role="status" className="result-count">
            {connection.totalCount.toLocaleString('en')} {kind} found{connection.totalCount > PAGE_SIZE ? `; page ${pageNumber}` : ''}.
          </p>
          {kind === 'models' ? (
            <DataTable
              caption="Models"
              columns={modelColumns}
              rows={connection.edges.map((e) => e.node)}
              rowKey={(m) => m.id}
              empty="No model matches these filters."
            />
          ) : null}
          {kind === 'datasets' ? (
            <DataTable
              caption="Datasets"
              columns={datasetColumns}
              rows={connection.edges.map((e) => e.node)}
              rowKey={(d) => d.id}
              empty="No dataset matches."
            />
          ) : null}
          {kind === 'organizations' ? (
            <DataTable
              caption="Organizations"
              columns={organizationColumns}
              rows={connection.edges.map((e) => e.node)}
              rowKey={(o) => o.id}
              empty="No organization matches."
            />
          ) : null}
          {kind === 'deployments' ? (
            <DataTable
              caption="Deployments"
              columns={deploymentColumns}
              rows={connection.edges.map((e) => e.node)}
              rowKey={(d) => d.id}
              empty="No deployment matches."
            />
          ) : null}
          <nav className="pager" aria-label="Result pages">
            {pageNumber > 1 ? (
              <button type="button" onClick={() => window.history.back()}>
                Previous page
              </button>
            ) : null}
            {connection.pageInfo.hasNextPage ? (
              <button type="button" onClick={nextPage}>
                Next page
              </button>
            ) : null}
          </nav>
        </>
      ) : null}
    </div>
  );
}
