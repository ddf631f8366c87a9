import { useMemo, useState, type FormEvent } from 'react';
import { EXPOSURE, type CountryLine, type DriftLine, type ExposureReport, type TeacherLine, type VendorLine } from '../api/exposure.queries';

import { useGraphql } from '../api/use-graphql';
import { DataTable, type TableColumn } from '../components/data-table';
import { ErrorPanel, Loading } from '../components/error-panel';
import { ReportPage } from '../components/report-page';
import { LineageExplorer } from '../graph/lineage-explorer.lazy';
import { useLineageGraph } from '../graph/use-lineage-graph';
import { href, navigate, useLocation } from '../app/router';

type Line = { key: string; path: { id: string }[] };

/** The "show in graph" cell: a toggle, so keyboard users reach it and screen readers hear its state. */
function showColumn<Row extends { path: { id: string }[] }>(
  keyOf: (r: Row) => string,
  selected: string | null,
  select: (l: Line | null) => void,
): TableColumn<Row> {
  return {
    header: 'Graph',
    value: () => '',
    screenOnly: true,
    render: (r) => {
      const key = keyOf(r);
      const on = key === selected;
      return (
        <button
          type="button"
          aria-pressed={on}
          onClick={() => {
            select(on ? null : { key, path: r.path });
            // The graph is below the tables: bring it into view so the highlight is seen.
            if (!on) document.getElementById('ancestry')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          }}
          disabled={!r.path.length}
        >
          {on ? 'Highlighted' : 'Show path'}
        </button>
      );
    },
  };
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

export function ExposurePage() {
  const { params } = useLocation();
  const model = params.get('model');
  const deployment = params.get('deployment');
  const perspective = params.get('perspective') ?? '';
  const [form, setForm] = useState({ kind: deployment ? 'deployment' : 'model', name: model ?? deployment ?? '', perspective: perspective || 'DE' });
  const [line, setLine] = useState<Line | null>(null);
  const [picture, setPicture] = useState<string | null>(null);
  const asked = !!(model || deployment);
  const report = useGraphql<ExposureReport>(
    EXPOSURE,
    { of: model ? { model } : undefined, deployment: deployment ?? undefined, perspective: perspective || undefined },
    !asked,
  );
  const subject = report.data?.exposure.subject;
  const walk = useLineageGraph(subject ? { id: subject.id } : null, ['ancestor']);
  const highlight = useMemo(() => new Set(line?.path.map((e) => e.id) ?? []), [line]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLine(null);
    navigate(href('/exposure', { [form.kind]: form.name.trim(), perspective: form.perspective.trim() }));
  };

  const x = report.data?.exposure;
  const foreignCountries = new Set(x?.foreign?.countries.map((c) => c.country) ?? []);
  const foreignVendors = new Set(x?.foreign?.vendors.map((v) => v.vendorId) ?? []);
  const foreignTeachers = new Set(x?.foreign?.distillationSources.map((t) => t.teacherId) ?? []);
  const sel = line?.key ?? null;

  const countryColumns: TableColumn<CountryLine>[] = [
    { header: 'Country', value: (c) => c.country ?? 'unknown', render: (c) => <strong>{c.country ?? 'unknown'}</strong> },
    { header: 'Name', value: (c) => c.countryName },
    { header: 'Foreign', value: (c) => (x?.perspective ? yesNo(foreignCountries.has(c.country)) : '') },
    { header: 'Through', value: (c) => c.kinds.join(' ') },
    { header: 'Nearest', value: (c) => c.nearest.name },
    { header: 'Explanation', value: (c) => c.explanation },
    showColumn((c) => `country:${c.country}`, sel, setLine),
  ];
  const vendorColumns: TableColumn<VendorLine>[] = [
    { header: 'Vendor', value: (v) => v.vendorName, render: (v) => <strong>{v.vendorName}</strong> },
    { header: 'Country', value: (v) => v.country },
    { header: 'Foreign', value: (v) => (x?.perspective ? yesNo(foreignVendors.has(v.vendorId)) : '') },
    { header: 'Unavoidable', value: (v) => yesNo(v.unavoidable) },
    { header: 'Weight root', value: (v) => yesNo(v.weightRootVendor) },
    { header: 'Through', value: (v) => v.kinds.join(' ') },
    { header: 'Explanation', value: (v) => v.explanation },
    showColumn((v) => `vendor:${v.vendorId}`, sel, setLine),
  ];
  const teacherColumns: TableColumn<TeacherLine>[] = [
    { header: 'Teacher', value: (t) => t.name, render: (t) => <strong>{t.name}</strong> },
    { header: 'Access', value: (t) => t.access, render: (t) => (t.access === 'API_ONLY' ? <span className="badge">API only</span> : (t.access ?? '—')) },
    { header: 'Country', value: (t) => t.country },
    { header: 'Foreign', value: (t) => (x?.perspective ? yesNo(foreignTeachers.has(t.teacherId)) : '') },
    { header: 'Direct', value: (t) => yesNo(t.direct) },
    { header: 'Snapshot', value: (t) => t.teacherSnapshot },
    { header: 'Explanation', value: (t) => t.explanation },
    showColumn((t) => `teacher:${t.teacherId}`, sel, setLine),
  ];
  const driftColumns: TableColumn<DriftLine>[] = [
    { header: 'Reason', value: (d) => d.reason },
    { header: 'Derived', value: (d) => `${d.derived.name} (${d.declaredLicense ?? 'no license'})` },
    { header: 'Ancestor', value: (d) => `${d.ancestor.name} (${d.ancestorLicense ?? 'no license'})` },
    { header: 'Explanation', value: (d) => d.explanation },
    showColumn((d) => `drift:${d.ancestor.name}:${d.reason}`, sel, setLine),
  ];
  type LicenseRow = ExposureReport['exposure']['licenses'][number];
  const licenseColumns: TableColumn<LicenseRow>[] = [
    { header: 'License', value: (l) => l.expression },
    { header: 'Known', value: (l) => yesNo(l.known) },
    { header: 'Through', value: (l) => l.kinds.join(' ') },
    { header: 'Held by', value: (l) => l.holders.map((h) => h.name).join('; ') },
  ];
  type ObligationRow = ExposureReport['exposure']['obligations'][number];
  const obligationColumns: TableColumn<ObligationRow>[] = [
    { header: 'Obligation', value: (o) => o.kind },
    { header: 'License', value: (o) => o.license },
    { header: 'Text', value: (o) => o.text },
    { header: 'Held by', value: (o) => o.holders.map((h) => h.name).join('; ') },
  ];

  const title = 'Exposure report';
  const subtitle = x
    ? `${x.deployment ? `deployment ${x.deployment.name} (runs ${x.subject.name})` : x.subject.name} — perspective ${x.perspective ?? 'none'}`
    : undefined;
  return (
    <ReportPage title={title} subtitle={subtitle} pdf>
      <form className="filters no-print" onSubmit={submit} aria-label="Exposure of">
        <div className="field">
          <label htmlFor="x-kind">Of a</label>
          <select id="x-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            <option value="model">Model</option>
            <option value="deployment">Deployment</option>
          </select>
        </div>
        <div className="field wide">
          <label htmlFor="x-name">Name</label>
          <input
            id="x-name"
            value={form.name}
            placeholder="deepseek-ai/DeepSeek-R1-Distill-Llama-8B"
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="x-perspective">Perspective country</label>
          <input id="x-perspective" value={form.perspective} placeholder="DE or Germany" onChange={(e) => setForm({ ...form, perspective: e.target.value })} />
        </div>
        <button type="submit">Show exposure</button>
      </form>
      {!asked ? <p>Name a model or deployment and the country whose point of view decides what is foreign.</p> : null}
      {report.error ? <ErrorPanel error={report.error} onRetry={report.reload} /> : null}
      {report.loading ? <Loading what="the exposure report" /> : null}
      {x ? (
        <>
          <section className="summary" aria-label="Summary">
            <p>
              <strong>{x.subject.name}</strong> has {x.ancestorCount} ancestors.{' '}
              {x.perspective ? (
                <>
                  From <strong>{x.perspective}</strong>’s perspective it depends on <strong>{foreignCountries.size}</strong> foreign{' '}
                  {foreignCountries.size === 1 ? 'country' : 'countries'}
                  {foreignCountries.size ? ` (${[...foreignCountries].join(', ')})` : ''} and <strong>{foreignVendors.size}</strong> foreign{' '}
                  {foreignVendors.size === 1 ? 'vendor' : 'vendors'}
                  {foreignVendors.size
                    ? ` (${x.vendors
                        .filter((v) => foreignVendors.has(v.vendorId))
                        .map((v) => v.vendorName)
                        .join('; ')})`
                    : ''}
                  .
                </>
              ) : (
                'No perspective was given, so nothing is marked foreign.'
              )}
              {x.truncated ? ' The ancestry was cut at the registry’s walk limit, so this report may be incomplete.' : ''}
            </p>
            <p className="no-print">Choose “Show path” on any line to light its explanation path up in the graph below.</p>
          </section>
          <DataTable
            caption="Countries"
            columns={countryColumns}
            rows={x.countries}
            rowKey={(c) => `country:${c.country}`}
            selectedKey={sel}
            empty="No country is known in the ancestry."
          />
          <DataTable
            caption="Vendors"
            columns={vendorColumns}
            rows={x.vendors}
            rowKey={(v) => `vendor:${v.vendorId}`}
            selectedKey={sel}
            empty="No vendor is known."
            note="Unavoidable: every weight path passes through this vendor."
          />
          <DataTable
            caption="Teachers (distillation sources)"
            columns={teacherColumns}
            rows={x.distillationSources}
            rowKey={(t) => `teacher:${t.teacherId}`}
            selectedKey={sel}
            empty="No model was distilled into it."
          />
          <DataTable caption="Licenses" columns={licenseColumns} rows={x.licenses} rowKey={(l) => l.expression} empty="No license recorded." />
          <DataTable
            caption="Obligations"
            columns={obligationColumns}
            rows={x.obligations}
            rowKey={(o, i) => `${o.license}:${o.kind}:${i}`}
            empty="No obligations."
          />
          <DataTable
            caption="License drift"
            columns={driftColumns}
            rows={x.licenseDrift}
            rowKey={(d) => `drift:${d.ancestor.name}:${d.reason}`}
            selectedKey={sel}
            empty="No license drift."
          />
          <h2 id="ancestry">Ancestry</h2>
          {walk.error ? <ErrorPanel error={walk.error} /> : null}
          {walk.graph ? (
            <LineageExplorer graph={walk.graph} version={walk.version} highlight={highlight} onPicture={setPicture} />
          ) : (
            <Loading what="the ancestry graph" />
          )}
          {picture ? <img className="print-only graph-picture" src={picture} alt={`Ancestry graph of ${x.subject.name}`} /> : null}
        </>
      ) : null}
    </ReportPage>
  );
}
