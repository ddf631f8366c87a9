import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/graphql-client';
import { ErrorPanel, Loading } from '../components/error-panel';
import { ReportPage } from '../components/report-page';
import { LineageExplorer } from '../graph/lineage-explorer.lazy';
import { useLineageGraph, type NodeRef } from '../graph/use-lineage-graph';
import { href, navigate, useLocation } from '../app/router';

type Sides = ('ancestor' | 'descendant')[];
const DIRECTIONS: Record<string, { label: string; sides: Sides }> = {
  BOTH: { label: 'Ancestors and descendants', sides: ['ancestor', 'descendant'] },
  ANCESTORS: { label: 'Ancestors only', sides: ['ancestor'] },
  DESCENDANTS: { label: 'Descendants only', sides: ['descendant'] },
};

export function LineagePage() {
  const { params } = useLocation();
  const dataset = params.get('dataset');
  const model = params.get('model');
  const direction = DIRECTIONS[params.get('direction') ?? ''] ? params.get('direction')! : 'BOTH';
  const of: NodeRef | null = model ? { model } : dataset ? { dataset } : null;
  const [form, setForm] = useState({ name: model ?? dataset ?? '', kind: dataset ? 'dataset' : 'model', direction });
  const walk = useLineageGraph(of, DIRECTIONS[direction].sides);
  const [picture, setPicture] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(href('/lineage', { [form.kind]: form.name.trim(), direction: form.direction === 'BOTH' ? undefined : form.direction }));
  };
  const subject = model ?? dataset ?? '';
  const notFound = walk.error?.kind === 'NOT_FOUND' || (walk.error?.kind === 'BAD_INPUT' && /not found|no (model|dataset)/i.test(walk.error.message));

  return (
    <ReportPage title="Lineage explorer" subtitle={subject ? `${subject} — ${DIRECTIONS[direction].label.toLowerCase()}` : undefined}>
      <form className="filters no-print" onSubmit={submit} aria-label="Whose lineage">
        <div className="field">
          <label htmlFor="l-kind">Kind</label>
          <select id="l-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
            <option value="model">Model</option>
            <option value="dataset">Dataset</option>
          </select>
        </div>
        <div className="field wide">
          <label htmlFor="l-name">Name</label>
          <input
            id="l-name"
            value={form.name}
            placeholder="deepseek-ai/DeepSeek-R1-Distill-Llama-8B"
            onChange={(e) => setForm({ ...form, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="l-direction">Show</label>
          <select id="l-direction" value={form.direction} onChange={(e) => setForm({ ...form, direction: e.target.value })}>
            {Object.entries(DIRECTIONS).map(([key, d]) => (
              <option key={key} value={key}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Show lineage</button>
      </form>
      {!of ? <p>Name a model or dataset to see where it comes from and what was built on it.</p> : null}
      {walk.error ? <ErrorPanel error={notFound ? new ApiError('NOT_FOUND', walk.error.message, walk.error.code) : walk.error} /> : null}
      {walk.loading && !walk.graph ? <Loading what={`the lineage of ${subject}`} /> : null}
      {walk.graph ? (
        <>
          <p className="result-count">
            {walk.graph.nodes.size.toLocaleString('en')} nodes loaded
            {walk.totals.ancestor ? `; ${walk.totals.ancestor - 1} ancestors in all` : ''}
            {walk.totals.descendant ? `; ${walk.totals.descendant - 1} descendants in all` : ''}.
          </p>
          {(['ancestor', 'descendant'] as const).map((side) =>
            walk.next[side] ? (
              <button key={side} type="button" className="no-print" disabled={walk.loading} onClick={() => void walk.loadMore(side)}>
                Load the next 1,000 {side === 'ancestor' ? 'ancestors' : 'descendants'} from the registry
              </button>
            ) : null,
          )}
          <LineageExplorer graph={walk.graph} version={walk.version} onPicture={setPicture} />
          {picture ? <img className="print-only graph-picture" src={picture} alt={`Lineage graph of ${subject}`} /> : null}
        </>
      ) : null}
    </ReportPage>
  );
}
