import { ImportPlan } from '@pedigree/interop';
import { CliOutput } from '../cli-output';
import { toItem } from '../plan-executor';
import { CliError, RegistryClient } from '../registry-client';

const EVALUATE = `query($items: [PlanItemInput!]!) { evaluatePolicies(draft: { plan: { items: $items } }) {
  outcome findings { policy version name severity effect subject message waived evaluationError documentRef ancestors { name depth path } }
} }`;

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
 * policy gates and rolls it back; nothing is written. A DENY that no waiver covers fails the command.
 */
export async function checkPolicies(client: RegistryClient, output: CliOutput, plan: ImportPlan, lines: string[]): Promise<void> {
  const items = plan.ops.map((op) => toItem(op, false));
  const { evaluatePolicies: r } = await client.request<{ evaluatePolicies: { outcome: string; findings: Finding[] } }>(EVALUATE, { items });
  const text = [
    ...lines,
    `policies   ${r.outcome}${r.findings.length ? `: ${r.findings.length} finding(s)` : ', no finding'}`,
    ...r.findings.flatMap((f) => [
      `  ${f.waived ? 'WAIVED' : f.effect.padEnd(6)} ${f.severity.padEnd(8)} ${f.policy} v${f.version} on ${f.subject}: ${f.name}`,
      ...(f.evaluationError ? [`    evaluation failed: ${f.evaluationError}`] : []),
      ...f.ancestors.map((a) => `    ${a.path}`),
      ...(f.documentRef ? [`    source: ${f.documentRef}`] : []),
    ]),
    'Nothing was written (--check).',
  ];
  output.result(text, { outcome: r.outcome, findings: r.findings, written: false });
  if (r.outcome === 'DENY') {
    const denied = r.findings.filter((f) => f.effect === 'DENY' && !f.waived).map((f) => f.policy);
    throw new CliError(`refused by policy ${denied.join(', ')}; nothing was written.`, 'POLICY_VIOLATION', { reported: true });
  }
}
