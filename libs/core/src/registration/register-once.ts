import { Canonical, assertSamePayload } from './canonical-payload';

export interface RegistrationSteps {
  /** E.g. `Model`, for the CONFLICT message. */
  what: string;
  /** The natural key (name, digest), for the CONFLICT message. */
  key: string;
  /** The normalized payload compared against a stored registration. */
  registration: Canonical;
  /** Claims the key atomically (insert-on-conflict): the id, and whether this call created it. */
  claim(): Promise<{ id: string; created: boolean }>;
  /** The registration stored with an existing id. */
  stored(id: string): Promise<Canonical>;
  /** Writes everything else of a new registration: its row, edges, audit event. */
  create(id: string): Promise<void>;
  /**
   * For records that may stand as placeholders (registered only because something referred to
   * them): a full registration of a placeholder completes it instead of being a CONFLICT.
   */
  placeholder?: { isPlaceholder(id: string): Promise<boolean>; complete(id: string): Promise<void> };
}

/**
 * The idempotent-registration sequence every register* mutation follows, inside its transaction:
 * claim the key; if it was taken, the same payload is a no-op (no write, no audit event) and a
 * different one is a CONFLICT naming the differing fields (unless it completes a placeholder);
 * otherwise create the rest.
 */
export async function registerOnce(steps: RegistrationSteps): Promise<{ id: string; created: boolean }> {
  const claim = await steps.claim();
  if (!claim.created && steps.placeholder && (await steps.placeholder.isPlaceholder(claim.id))) {
    await steps.placeholder.complete(claim.id);
    return { id: claim.id, created: true };
  }
  if (!claim.created) {
    assertSamePayload(steps.what, steps.key, await steps.stored(claim.id), steps.registration);
    return claim;
  }
  await steps.create(claim.id);
  return claim;
}
