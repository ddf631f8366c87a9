import { useState } from 'react';
import { ApiError, graphql } from '../api/graphql-client';
import { useGraphql } from '../api/use-graphql';
import { DataTable, type TableColumn } from '../components/data-table';
import { ErrorPanel, Loading } from '../components/error-panel';
import { ReportPage } from '../components/report-page';

/** Events of the last day, oldest first from the API; the page shows them newest first. */
const AUDIT = `query AuditPage($since: DateTime) {
  auditTreeHeads(last: 1) { id size headHash signedAt signature publicKey }
  auditEvents(filter: { since: $since }, first: 200) { totalCount edges { node { id seq operation actor occurredAtUtc touchedIds hash } } }
}`;
const VERIFY = `query VerifyAuditTrail {
  verifyAuditTrail { ok checkedEvents checkedTreeHeads pendingEvents headHash badTreeHeadIds firstBrokenLink { seq reason detail } }
}`;

interface AuditEvent {
  id: string;
  seq: number | null;
  operation: string;
  actor: string;
  occurredAtUtc: string;
  touchedIds: string[];
  hash: string | null;
}
interface Verification {
  ok: boolean;
  checkedEvents: number;
  checkedTreeHeads: number;
  pendingEvents: number;
  headHash: string;
  badTreeHeadIds: string[];
  firstBrokenLink: { seq: number; reason: string; detail: string } | null;
}

const eventColumns: TableColumn<AuditEvent>[] = [
  { header: 'Seq', value: (e) => e.seq, numeric: true },
  { header: 'When (UTC)', value: (e) => e.occurredAtUtc },
  { header: 'Operation', value: (e) => e.operation },
  { header: 'Actor', value: (e) => e.actor },
  { header: 'Touched', value: (e) => e.touchedIds.join(' ') },
];

export function AuditPage() {
  const [since] = useState(() => new Date(Date.now() - 86_400_000).toISOString());
  const result = useGraphql<{
    auditTreeHeads: { id: string; size: number; headHash: string; signedAt: string; signature: string; publicKey: string }[];
    auditEvents: { totalCount: number; edges: { node: AuditEvent }[] };
  }>(AUDIT, { since });
  const [verification, setVerification] = useState<Verification | null>(null);
  const [verifyError, setVerifyError] = useState<ApiError | null>(null);
  const [verifying, setVerifying] = useState(false);
  const verify = async () => {
    setVerifying(true);
    setVerifyError(null);
    try {
      setVerification((await graphql<{ verifyAuditTrail: Verification }>(VERIFY)).verifyAuditTrail);
    } catch (error) {
      setVerifyError(error instanceof ApiError ? error : new ApiError('SERVER', String(error)));
    } finally {
      setVerifying(false);
    }
  };
  const head = result.data?.auditTreeHeads[0];
  const events = [...(result.data?.auditEvents.edges.map((e) => e.node) ?? [])].reverse();
  return (
    <ReportPage title="Audit trail" subtitle="signed tree head, verification and the last day’s events">
      {result.error ? <ErrorPanel error={result.error} onRetry={result.reload} /> : null}
      {result.loading ? <Loading what="the audit trail" /> : null}
      {result.data ? (
        <>
          <h2>Latest signed tree head</h2>
          {head ? (
            <dl className="facts">
              <dt>Signed</dt>
              <dd>{head.signedAt}</dd>
              <dt>Events covered</dt>
              <dd>{head.size}</dd>
              <dt>Head hash</dt>
              <dd>
                <code className="digest">{head.headHash}</code>
              </dd>
              <dt>Signature</dt>
              <dd>
                <code className="digest">{head.signature}</code>
              </dd>
            </dl>
          ) : (
            <p>No tree head has been signed yet. The registry signs them on a schedule; an ADMIN can sign one on demand through the API.</p>
          )}
          <h2>Verification</h2>
          <p className="no-print">
            <button type="button" onClick={() => void verify()} disabled={verifying}>
              {verifying ? 'Verifying…' : 'Verify now'}
            </button>{' '}
            Recomputes the whole hash chain on the server and checks every signed tree head.
          </p>
          {verifyError ? <ErrorPanel error={verifyError} /> : null}
          {verification ? (
            <div className={verification.ok ? 'verdict ok' : 'verdict broken'} role="status">
              <strong>{verification.ok ? '✔ The audit trail is intact.' : '✘ The audit trail is broken.'}</strong> Checked {verification.checkedEvents} events
              and {verification.checkedTreeHeads} tree heads; {verification.pendingEvents} events wait for the next tree head.
              {verification.firstBrokenLink
                ? ` First broken link: event ${verification.firstBrokenLink.seq}, ${verification.firstBrokenLink.reason}: ${verification.firstBrokenLink.detail}`
                : ''}
            </div>
          ) : null}
          <DataTable
            caption="Events of the last 24 hours, newest first"
            columns={eventColumns}
            rows={events}
            rowKey={(e) => e.id}
            empty="No events in the last 24 hours."
            note={
              result.data.auditEvents.totalCount > events.length
                ? `${events.length} shown of ${result.data.auditEvents.totalCount} in the last day.`
                : undefined
            }
          />
        </>
      ) : null}
    </ReportPage>
  );
}
