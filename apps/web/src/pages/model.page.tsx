import { MODEL, type Evidence, type ModelFacts, type ModelPageData, type ParentEdge } from '../api/model.queries';
import { ApiError } from '../api/graphql-client';
import { useGraphql } from '../api/use-graphql';
import { DataTable, type TableColumn } from '../components/data-table';
import { ErrorPanel, Loading } from '../components/error-panel';
import { EvidenceText, evidenceCsv } from '../components/evidence';
import { formatBytes, formatDate, formatParameters } from '../components/format';
import { ReportPage } from '../components/report-page';
import { href, Link, useLocation } from '../app/router';

interface Claim {
  claim: string;
  evidence: Evidence | null;
}

const claimColumns: TableColumn<Claim>[] = [
  { header: 'Claim', value: (c) => c.claim },
  { header: 'Origin', value: (c) => c.evidence?.origin },
  { header: 'Confidence', value: (c) => c.evidence?.confidence, numeric: true },
  { header: 'Evidence', value: (c) => evidenceCsv(c.evidence), render: (c) => <EvidenceText evidence={c.evidence} /> },
];

const parentColumns: TableColumn<ParentEdge>[] = [
  { header: 'Relation', value: (e) => e.relation },
  {
    header: 'Source',
    value: (e) => e.source.name,
    render: (e) => (e.source.kind === 'MODEL' ? <Link to={href('/model', { name: e.source.name })}>{e.source.name}</Link> : e.source.name),
  },
  { header: 'Recorded by', value: (e) => e.recordedBy },
  { header: 'Evidence', value: (e) => evidenceCsv(e.evidence), render: (e) => <EvidenceText evidence={e.evidence} /> },
];

const checkpointColumns: TableColumn<ModelFacts['checkpoints'][number]>[] = [
  { header: 'Checkpoint', value: (c) => c.name },
  { header: 'Format', value: (c) => c.format },
  { header: 'Size', value: (c) => c.sizeBytes, render: (c) => formatBytes(c.sizeBytes), numeric: true },
  { header: 'Digest', value: (c) => c.digest, render: (c) => <code className="digest">{c.digest}</code> },
  { header: 'Registered', value: (c) => c.registeredAt, render: (c) => `${formatDate(c.registeredAt)} by ${c.registeredBy}` },
];

const runColumns: TableColumn<ModelFacts['trainingRuns'][number]>[] = [
  { header: 'Method', value: (r) => r.method },
  { header: 'Compute country', value: (r) => r.computeCountry },
  { header: 'Compute provider', value: (r) => r.computeProvider?.name },
  { header: 'Operator', value: (r) => r.operator?.name },
  { header: 'Period', value: (r) => `${formatDate(r.startedAt)} – ${formatDate(r.endedAt)}` },
  { header: 'Evidence', value: (r) => evidenceCsv(r.evidence), render: (r) => <EvidenceText evidence={r.evidence} /> },
];

function claimsOf(m: ModelFacts, parents: ParentEdge[]): Claim[] {
  return [
    { claim: `Registered: published by ${m.publisher.name}`, evidence: m.evidence },
    {
      claim: `Country of origin ${m.country ?? 'unknown'} (${m.countrySource === 'OVERRIDE' ? 'set on the model' : 'from the publisher'})`,
      evidence: m.countryEvidence,
    },
    { claim: `License ${m.license ?? 'unknown'}`, evidence: m.licenseEvidence },
    ...parents.map((e) => ({ claim: `${e.relation} of ${e.source.name}`, evidence: e.evidence })),
  ];
}

function Facts({ m }: { m: ModelFacts }) {
  return (
    <dl className="facts">
      <dt>Publisher</dt>
      <dd>
        <Link to={href('/impact', { organization: m.publisher.slug })}>{m.publisher.name}</Link>
        {m.publisher.country ? ` (${m.publisher.country})` : ''}
      </dd>
      <dt>Vendor</dt>
      <dd>
        {m.publisher.vendor.name}
        {m.publisher.vendor.country ? ` (${m.publisher.vendor.country})` : ''}
      </dd>
      <dt>Country of origin</dt>
      <dd>
        {m.country ?? 'unknown'}{' '}
        <span className="source">— {m.countrySource === 'OVERRIDE' ? 'set on the model, with evidence' : 'from the publisher’s ultimate parent'}</span>
      </dd>
      <dt>License</dt>
      <dd>{m.license ?? 'unknown'}</dd>
      {m.licenseTerms.map((t) => (
        <LicenseTerms key={t.key} terms={t} />
      ))}
      <dt>Access</dt>
      <dd>{m.access.replace('_', ' ').toLowerCase()}</dd>
      <dt>Size</dt>
      <dd>{formatParameters(m.parameterCount)} parameters</dd>
      <dt>Release date</dt>
      <dd>{m.releaseDate ?? 'unknown'}</dd>
      {m.modality ? (
        <>
          <dt>Modality and tasks</dt>
          <dd>{[m.modality, ...m.tasks].join(', ')}</dd>
        </>
      ) : null}
      {m.placeholder ? (
        <>
          <dt>Placeholder</dt>
          <dd>Named by another record’s lineage but not registered itself.</dd>
        </>
      ) : null}
    </dl>
  );
}

function LicenseTerms({ terms: t }: { terms: ModelFacts['licenseTerms'][number] }) {
  const lines = [
    t.commercialUse ? 'commercial use allowed' : 'no commercial use',
    t.nonCommercial ? 'non-commercial only' : null,
    t.attributionRequired ? `attribution required${t.attributionText ? `: “${t.attributionText}”` : ''}` : null,
    t.namingRequirement ? `naming: ${t.namingRequirement}` : null,
    t.userThreshold ? `a separate license above ${t.userThreshold.toLocaleString('en')} monthly users` : null,
    t.forbidsCompetingModels ? 'forbids training competing models' : null,
    ...t.useRestrictions.map((r) => `restriction: ${r}`),
  ].filter(Boolean);
  return (
    <>
      <dt>Terms of {t.name}</dt>
      <dd>
        <ul className="terms">
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </dd>
    </>
  );
}

export function ModelPage() {
  const { params } = useLocation();
  const name = params.get('name') ?? '';
  const result = useGraphql<ModelPageData>(MODEL, { name }, !name);
  if (!name) return <ErrorPanel error={new ApiError('BAD_INPUT', 'No model was named: open a model from the search page.')} />;
  if (result.error) return <ErrorPanel error={result.error} onRetry={result.reload} />;
  if (result.loading || !result.data) return <Loading what={name} />;
  const m = result.data.model;
  if (!m) return <ErrorPanel error={new ApiError('NOT_FOUND', `No model named “${name}” is registered.`, 'NOT_FOUND')} />;
  const parents = result.data.lineageEdges.edges.map((e) => e.node);
  return (
    <ReportPage title={m.name} subtitle="Model facts, checkpoints, training runs and claims">
      <p className="no-print page-links">
        <Link to={href('/lineage', { model: m.name })}>Open the lineage explorer</Link> · <Link to={href('/exposure', { model: m.name })}>Exposure report</Link>{' '}
        · <Link to={href('/impact', { model: m.name })}>Impact if it goes away</Link>
      </p>
      <h2>Facts</h2>
      <Facts m={m} />
      <DataTable
        caption="Parents (direct lineage)"
        columns={parentColumns}
        rows={parents}
        rowKey={(e) => e.id}
        empty="No recorded parents: this is a root model."
      />
      <DataTable caption="Checkpoints" columns={checkpointColumns} rows={m.checkpoints} rowKey={(c) => c.id} empty="No checkpoints registered." />
      <DataTable caption="Training runs" columns={runColumns} rows={m.trainingRuns} rowKey={(r) => r.id} empty="No training runs recorded." />
      <DataTable caption="Claims and their evidence" columns={claimColumns} rows={claimsOf(m, parents)} rowKey={(c, i) => `${i}`} empty="No claims." />
    </ReportPage>
  );
}
