import { createHash } from 'node:crypto';
import { BreakReason, ChainableEvent, eventHash, GENESIS_HASH, HashVersion, StoredEvent, verifyRun } from './audit-hash';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const EVENT: ChainableEvent = {
  id: '42',
  seq: 7,
  occurredAt: new Date('2026-01-02T03:04:05.678Z'),
  occurredAtUtc: '2026-01-02T03:04:05.678901Z',
  actorTokenId: '3',
  actor: 'ci-bot',
  operation: 'registerCheckpoint',
  inputDigest: 'ab'.repeat(32),
  touchedIds: ['10', '11'],
};
const PREV = 'cd'.repeat(32);

function chain(versions: HashVersion[]): StoredEvent[] {
  const out: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  versions.forEach((hashVersion, i) => {
    const seq = i + 1;
    const at = new Date(Date.UTC(2026, 0, 1, 0, 0, seq));
    const base = {
      id: String(100 + seq),
      seq,
      occurredAt: at,
      occurredAtUtc: at.toISOString().replace('Z', '123Z'),
      actorTokenId: '1',
      actor: 'ci',
      operation: 'registerCheckpoint',
      inputDigest: 'ab'.repeat(32),
      touchedIds: [String(seq)],
    };
    const hash = eventHash(base, prev, hashVersion);
    out.push({ ...base, prevHash: prev, hash, hashVersion });
    prev = hash;
  });
  return out;
}

describe('audit event hash, version 2', () => {
  it('is SHA-256 over the RFC 8785 text of the stored columns, named as in the table', () => {
    const text =
      `{"actor":"ci-bot","actor_token_id":"3","hash_version":2,"id":"42","input_digest":"${'ab'.repeat(32)}",` +
      `"occurred_at":"2026-01-02T03:04:05.678901Z","operation":"registerCheckpoint","prev_hash":"${PREV}","seq":"7","touched_ids":["10","11"]}`;
    expect(eventHash(EVENT, PREV, 2)).toBe(sha256(text));
    // Frozen, as in docs/audit-trail.md: a change here breaks every version 2 row ever chained.
    expect(eventHash(EVENT, PREV, 2)).toBe('962d17c45b80d22030eac820f9dafcf3938f13b22c444fed67792a4d28da28d8');
  });

  it('hashes a null token id as JSON null', () => {
    expect(eventHash({ ...EVENT, actorTokenId: null }, PREV, 2)).toBe(
      sha256(
        `{"actor":"ci-bot","actor_token_id":null,"hash_version":2,"id":"42","input_digest":"${'ab'.repeat(32)}",` +
          `"occurred_at":"2026-01-02T03:04:05.678901Z","operation":"registerCheckpoint","prev_hash":"${PREV}","seq":"7","touched_ids":["10","11"]}`,
      ),
    );
  });

  const changes: [string, Partial<ChainableEvent>, boolean][] = [
    // [what, change, did version 1 see it?]
    ['a trailing space in actor', { actor: 'ci-bot ' }, false],
    ['a leading newline in operation', { operation: '\nregisterCheckpoint' }, false],
    ['a tab in a touched id', { touchedIds: ['10\t', '11'] }, false],
    ['a space in input_digest', { inputDigest: ' ' + 'ab'.repeat(32) }, false],
    ['a space in actor_token_id', { actorTokenId: '3 ' }, false],
    ['one microsecond in occurred_at', { occurredAtUtc: '2026-01-02T03:04:05.678902Z' }, false],
    ['the order of touched ids', { touchedIds: ['11', '10'] }, true],
    ['a touched id more', { touchedIds: ['10', '11', '12'] }, true],
    ['the id', { id: '43' }, true],
    ['the position', { seq: 8 }, true],
    ['a millisecond in occurred_at', { occurredAt: new Date('2026-01-02T03:04:05.679Z'), occurredAtUtc: '2026-01-02T03:04:05.679901Z' }, true],
  ];
  it.each(changes)('changes with %s', (_what, change, seenByV1) => {
    expect(eventHash({ ...EVENT, ...change }, PREV, 2)).not.toBe(eventHash(EVENT, PREV, 2));
    // Why version 2 exists: version 1 trimmed strings and kept milliseconds only.
    expect(eventHash({ ...EVENT, ...change }, PREV, 1) !== eventHash(EVENT, PREV, 1)).toBe(seenByV1);
  });

  it('changes with the previous hash and differs from version 1', () => {
    expect(eventHash(EVENT, 'ce'.repeat(32), 2)).not.toBe(eventHash(EVENT, PREV, 2));
    expect(eventHash(EVENT, PREV, 2)).not.toBe(eventHash(EVENT, PREV, 1));
  });
});

describe('audit event hash, version 1 (rows chained before version 2)', () => {
  it('still gives the hashes the old chainer wrote', () => {
    // Recorded from the version 1 code before version 2 was added.
    expect(eventHash(EVENT, PREV, 1)).toBe('333f7d6b24180d741841db56da24d6407e1b70446a9f18db66cabe43e71dbe1a');
    expect(eventHash({ ...EVENT, actorTokenId: null }, GENESIS_HASH, 1)).toBe('b6ffe9a3ec9b9be26c642c06400166100cabf0fe2733073333b2329291db793b');
  });
});

describe.each([[[1, 1, 1, 1, 1, 1, 1, 1, 1, 1]], [[2, 2, 2, 2, 2, 2, 2, 2, 2, 2]], [[1, 1, 1, 1, 2, 2, 2, 2, 2, 2]]] as HashVersion[][][])(
  'audit hash chain verification, versions %j',
  (versions) => {
    it('accepts an intact chain, also when checked in pieces, and names its versions', () => {
      const c = chain(versions);
      const first = verifyRun(c.slice(0, 4), 1, GENESIS_HASH);
      const rest = verifyRun(c.slice(4), first.nextSeq, first.prevHash);
      expect([first.broken, rest.broken, rest.nextSeq]).toEqual([null, null, 11]);
      expect([...new Set([...first.versions, ...rest.versions])].sort()).toEqual([...new Set(versions)]);
    });

    it('names a modified event', () => {
      const c = chain(versions);
      c[2] = { ...c[2], operation: 'registerModel' };
      expect(verifyRun(c, 1, GENESIS_HASH).broken).toMatchObject({ seq: 3, eventId: '103', reason: BreakReason.HASH_MISMATCH });
    });

    it('names a deleted event by its position and the event after it', () => {
      const c = chain(versions);
      c.splice(1, 1);
      expect(verifyRun(c, 1, GENESIS_HASH).broken).toMatchObject({ seq: 2, eventId: '103', reason: BreakReason.MISSING_EVENT });
    });

    it('detects a rewritten hash that no longer links', () => {
      const c = chain(versions);
      const forged = { ...c[1], operation: 'x' };
      c[1] = { ...forged, hash: eventHash(forged, forged.prevHash, versions[1]) };
      expect(verifyRun(c, 1, GENESIS_HASH).broken).toMatchObject({ seq: 3, reason: BreakReason.PREVIOUS_HASH_MISMATCH });
    });
  },
);

describe('a tampered chain column', () => {
  it.each([
    ['prev_hash', (e: StoredEvent) => ({ ...e, prevHash: e.prevHash + ' ' })],
    ['hash', (e: StoredEvent) => ({ ...e, hash: e.hash + ' ' })],
  ])('%s is named as a modification of that event', (_column, tamper) => {
    const c = chain([2, 2, 2]);
    c[1] = tamper(c[1]);
    expect(verifyRun(c, 1, GENESIS_HASH).broken).toMatchObject({ seq: 2, eventId: '102', reason: BreakReason.HASH_MISMATCH });
  });
});

describe('audit hash versions as stored', () => {
  it('names an event whose version was changed, or that names no known formula', () => {
    for (const hashVersion of [1, 3, null]) {
      const c = chain([2, 2, 2]);
      c[1] = { ...c[1], hashVersion };
      expect(verifyRun(c, 1, GENESIS_HASH).broken).toMatchObject({ seq: 2, eventId: '102', reason: BreakReason.HASH_MISMATCH });
    }
  });

  it('reports only the versions of events that verified', () => {
    const c = chain([1, 1, 2]);
    c[2] = { ...c[2], actor: 'ci ' };
    expect([...verifyRun(c, 1, GENESIS_HASH).versions]).toEqual([1]);
  });
});
