import { ImportPlan } from '@pedigree/interop';
import { CliOutput } from '../cli-output';
import { toItem } from '../plan-executor';
import { CliError, RegistryClient } from '../registry-client';

const EVALUATE = `query($items: [PlanItemInput!]!) { evaluatePolicies(draft: { plan: { items: $items } }) {
  outcome findings { policy version name severity effect subject message waived evaluationError documentRef ancestors { name depth path } }
  plan { items { index label outcome code message field tolerated } }
} }`;

interface PlanItem {
  index: number;
  label: string;
  outcome: string;
  code: string | null;
  message: string | null;
  field: string | null;
  tolerated: boolean;
}

interface Finding {
  policy: string;
  version: number;
  name: string;
  severity: string;
  effect: string;
  subject: string;
  message: string;
  waived: boolean;
  evaluationError: string | null;
  documentRef: string | null;
  ancestors: { name: string; depth: number; path: string }[];
}

/**
 * `register --check`: the registry runs the whole planned registration through its checks and
 * policy gates and rolls it back; nothing is written. A DENY that no waiver covers fails the command,
 * and so does an item the registration would refuse for any other reason (a plan keeps those in
 * its report instead of failing), since the real registration would then write nothing.
 */
export async function checkPolicies(client: RegistryClient, output: CliOutput, plan: ImportPlan, lines: string[]): Promise<void> {
  const items = plan.ops.map((op) => toItem(op, false));
  const { evaluatePolicies: r } = await client.request<{ evaluatePolicies: { outcome: string; findings: Finding[]; plan: { items: PlanItem[] } | null } }>(
    EVALUATE,
    { items },
  );
  const refused = (r.plan?.items ?? []).filter((i) => (i.outcome === 'REFUSED' || i.outcome === 'CONFLICT') && !i.tolerated);
  const text = [
    ...lines,
    ...refused.map((i) => `${i.outcome.padEnd(10)} ${i.label}: ${i.message ?? i.code ?? ''}`),
    `policies   ${r.outcome}${r.findings.length ? `: ${r.findings.length} finding(s)` : ', no finding'}`,
    ...r.findings.flatMap((f) => [
      `  ${f.waived ? 'WAIVED' : f.effect.padEnd(6)} ${f.severity.padEnd(8)} ${f.policy} v${f.version} on ${f.subject}: ${f.name}`,
      ...(f.evaluationError ? [`    evaluation failed: ${f.evaluationError}`] : []),
      ...f.ancestors.map((a) => `    ${a.path}`),
      ...(f.documentRef ? [`    source: ${f.documentRef}`] : []),
    ]),
    'Nothing was written (--check).',
  ];
  output.result(text, { outcome: r.outcome, findings: r.findings, refused, written: false });
  if (refused.length)
    throw new CliError(`${refused.length} item(s) would be refused; see the report above. Nothing was written (--check).`, refused[0].code ?? 'REFUSED', {
      reported: true,
    });
  if (r.outcome === 'DENY') {
    const denied = r.findings.filter((f) => f.effect === 'DENY' && !f.waived).map((f) => f.policy);
    throw new CliError(`refused by policy ${denied.join(', ')}; nothing was written.`, 'POLICY_VIOLATION', { reported: true });
  }
}
