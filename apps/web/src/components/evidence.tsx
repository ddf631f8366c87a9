import type { Evidence } from '../api/model.queries';

/** A claim's evidence in one line: where it comes from, how sure, and the document. */
export function EvidenceText({ evidence }: { evidence: Evidence | null }) {
  if (!evidence) return <span>No evidence recorded</span>;
  return (
    <span className="evidence">
      <span className="origin">{evidence.origin.replace(/_/g, ' ').toLowerCase()}</span>, confidence {evidence.confidence.toFixed(2)}: {evidence.justification}
      {evidence.documentRef ? (
        <>
          {' '}
          (<span className="document-ref">{evidence.documentRef}</span>)
        </>
      ) : null}
    </span>
  );
}

export const evidenceCsv = (e: Evidence | null): string =>
  e ? `${e.origin}; ${e.confidence}; ${e.justification}${e.documentRef ? `; ${e.documentRef}` : ''}` : '';
