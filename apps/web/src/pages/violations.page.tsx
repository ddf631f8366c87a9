import { useGraphql } from '../api/use-graphql';
import { DataTable, type TableColumn } from '../components/data-table';
import { ErrorPanel, Loading } from '../components/error-panel';
import { formatDate } from '../components/format';
import { ReportPage } from '../components/report-page';
import { href, Link, useLocation } from '../app/router';

const VIOLATIONS = `query ViolationsAndWaivers($status: ViolationStatus) {
  policyViolations(filter: { status: $status }, first: 200) {
    totalCount
    edges { node { id policyKey policyName policyVersion severity effect status message nodeId deploymentId firstSeenAt lastEvaluatedAt resolvedAt waiverId } }
  }
  waivers(activeOnly: true) { id policyKey expiresAt grantedAt grantedBy approver justification documentRef nodeId deploymentId organizationId }
}`;

interface Violation {
  id: string;
  policyKey: string;
  policyName: string;
  policyVersion: number;
  severity: string;
  effect: string;
  status: string;
  message: string;
  nodeId: string | null;
  deploymentId: string | null;
  firstSeenAt: string;
  lastEvaluatedAt: string;
  resolvedAt: string | null;
  waiverId: string | null;
}
interface Waiver {
  id: string;
  policyKey: string;
  expiresAt: string;
  grantedAt: string;
  grantedBy: string;
  approver: string;
  justification: string;
  documentRef: string | null;
  nodeId: string | null;
  deploymentId: string | null;
  organizationId: string | null;
}

const STATUSES = ['OPEN', 'WAIVED', 'RESOLVED'];
/** A waiver due within this many days is flagged, so it can be renewed or the violation fixed. */
const EXPIRING_DAYS = 30;
const daysLeft = (iso: string) => Math.ceil((new Date(iso).getTime() - Date.now()) / 86_400_000);

const violationColumns: TableColumn<Violation>[] = [
  { header: 'Severity', value: (v) => v.severity },
  { header: 'Policy', value: (v) => `${v.policyName} (${v.policyKey} v${v.policyVersion})` },
  { header: 'Effect', value: (v) => v.effect },
  { header: 'Status', value: (v) => v.status },
  { header: 'Message', value: (v) => v.message },
  { header: 'Subject', value: (v) => (v.deploymentId ? `deployment ${v.deploymentId}` : `node ${v.nodeId}`) },
  { header: 'First seen', value: (v) => formatDate(v.firstSeenAt) },
  { header: 'Resolved', value: (v) => formatDate(v.resolvedAt) },
];
const waiverColumns: TableColumn<Waiver>[] = [
  { header: 'Policy', value: (w) => w.policyKey },
  { header: 'Expires', value: (w) => formatDate(w.expiresAt) },
  {
    header: 'Days left',
    value: (w) => daysLeft(w.expiresAt),
    render: (w) =>
      daysLeft(w.expiresAt) <= EXPIRING_DAYS ? <span className="badge warn">{daysLeft(w.expiresAt)} days: expiring</span> : `${daysLeft(w.expiresAt)} days`,
    numeric: true,
  },
  {
    header: 'Subject',
    value: (w) => (w.deploymentId ? `deployment ${w.deploymentId}` : w.organizationId ? `organization ${w.organizationId}` : `node ${w.nodeId}`),
  },
  { header: 'Approver', value: (w) => w.approver },
  { header: 'Justification', value: (w) => w.justification },
];

export function ViolationsPage() {
  const { params } = useLocation();
  const status = STATUSES.includes(params.get('status') ?? '') ? params.get('status')! : 'OPEN';
  const result = useGraphql<{ policyViolations: { totalCount: number; edges: { node: Violation }[] }; waivers: Waiver[] }>(VIOLATIONS, { status });
  const waivers = [...(result.data?.waivers ?? [])].sort((a, b) => a.expiresAt.localeCompare(b.expiresAt));
  const expiring = waivers.filter((w) => daysLeft(w.expiresAt) <= EXPIRING_DAYS);
  return (
    <ReportPage title="Violations and waivers" subtitle={`${status.toLowerCase()} violations`}>
      <p className="tabs no-print" role="group" aria-label="Violation status">
        {STATUSES.map((s) => (
          <Link
            key={s}
            to={href('/violations', { status: s })}
            aria-current={s === status ? 'page' : undefined}
            className={s === status ? 'tab active' : 'tab'}
          >
            {s.charAt(0) + s.slice(1).toLowerCase()}
          </Link>
        ))}
      </p>
      {result.error ? <ErrorPanel error={result.error} onRetry={result.reload} /> : null}
      {result.loading ? <Loading what="violations" /> : null}
      {result.data ? (
        <>
          <p role="status">
            {result.data.policyViolations.totalCount} {status.toLowerCase()} violations; {waivers.length} active waivers, {expiring.length} expiring within{' '}
            {EXPIRING_DAYS} days.
          </p>
          <DataTable
            caption={`${status.charAt(0) + status.slice(1).toLowerCase()} violations`}
            columns={violationColumns}
            rows={result.data.policyViolations.edges.map((e) => e.node)}
            rowKey={(v) => v.id}
            empty={`No ${status.toLowerCase()} violations.`}
          />
          <DataTable caption="Active waivers, soonest to expire first" columns={waiverColumns} rows={waivers} rowKey={(w) => w.id} empty="No active waivers." />
        </>
      ) : null}
    </ReportPage>
  );
}
