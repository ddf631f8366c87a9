import { BreakReason, eventHash, GENESIS_HASH, StoredEvent, verifyRun } from './audit-hash';

function chain(n: number): StoredEvent[] {
  const out: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const base = { id: String(100 + i), seq: i, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), actorTokenId: '1', actor: 'ci', operation: 'registerCheckpoint', inputDigest: 'ab'.repeat(32), touchedIds: [String(i)] };
    const hash = eventHash(base, prev);
    out.push({ ...base, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain verification', () => {
  it('accepts an intact chain, also when checked in pieces', () => {
    const c = chain(10);
    const first = verifyRun(c.slice(0, 4), 1, GENESIS_HASH);
    const rest = verifyRun(c.slice(4), first.nextSeq, first.prevHash);
    expect([first.broken, rest.broken, rest.nextSeq]).toEqual([null, null, 11]);
  });

  it('names a modified event', () => {
    const c = chain(5);
    c[2] = { ...c[2], operation: 'registerModel' };
    expect(verifyRun(c, 1, GENESIS_HASH).broken).toMatchObject({ seq: 3, eventId: '103', reason: BreakReason.HASH_MISMATCH });
  });

  it('names a deleted event by its position and the event after it', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(verifyRun(c, 1, GENESIS_HASH).broken).toMatchObject({ seq: 2, eventId: '103', reason: BreakReason.MISSING_EVENT });
  });

  it('detects a rewritten hash that no longer links', () => {
    const c = chain(5);
    const forged = { ...c[1], operation: 'x' };
    c[1] = { ...forged, hash: eventHash(forged, forged.prevHash) };
    expect(verifyRun(c, 1, GENESIS_HASH).broken).toMatchObject({ seq: 3, reason: BreakReason.PREVIOUS_HASH_MISMATCH });
  });
});
