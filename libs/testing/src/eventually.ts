import { assertNoErrors } from './factories';
import { RegistryProcess } from './registry-process';

/** Polls until `check` returns something truthy, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() - started > ms) throw new Error(`not true within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the policy worker has nothing queued, so what follows sees re-evaluation finished. */
export async function policyQueueSettled(r: RegistryProcess, ms?: number): Promise<void> {
  await eventually(async () => {
    const s = assertNoErrors(await r.gql(`{ policyReevaluationStatus { pendingChanges pendingSubjects } }`)).data.policyReevaluationStatus;
    return s.pendingChanges + s.pendingSubjects === 0;
  }, ms);
}
