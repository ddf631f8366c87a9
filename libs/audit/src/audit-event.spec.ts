import { normalizeAuditInput } from './audit-event';

describe('audit event input normalization', () => {
  const base = { actorTokenId: '7', actor: 'ci', operation: 'registerModel', inputDigest: 'ab'.repeat(32), touchedIds: ['1'] };

  it('trims the actor, operation, digest and token id, so what is stored has no incidental whitespace', () => {
    expect(normalizeAuditInput({ ...base, actorTokenId: ' 7 ', actor: ' ci\t', operation: '\nregisterModel ', inputDigest: ` ${'ab'.repeat(32)}\n` })).toEqual(
      base,
    );
  });

  it('keeps a null token id (the system) and inner whitespace', () => {
    expect(normalizeAuditInput({ ...base, actorTokenId: null, actor: 'ci bot' })).toMatchObject({ actorTokenId: null, actor: 'ci bot' });
  });

  it('makes touched ids strings, trimmed, without empties or repeats, in first-seen order', () => {
    const touchedIds = [' 3', 1, '2', '3', '1\t', '', ' '] as unknown as string[];
    expect(normalizeAuditInput({ ...base, touchedIds }).touchedIds).toEqual(['3', '1', '2']);
  });
});
