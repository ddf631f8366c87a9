import { trustNow } from './signature.record';

const row = {
  status: 'VERIFIED' as const,
  organization_id: '7',
  trusted_for: 'acme',
  current_publisher_id: '7',
  current_publisher: 'acme',
  signer_removed_at: null,
  signer_removal_reason: null,
};

describe('trustNow: where a recorded verification stands today', () => {
  it('stays VERIFIED while its signer is trusted for the same publisher', () => {
    expect(trustNow(row)).toEqual({ status: 'VERIFIED', untrustedReason: null });
  });

  it('is UNTRUSTED once the signer that vouched was removed, with when and why', () => {
    const removed = trustNow({ ...row, signer_removed_at: new Date('2026-12-01T10:00:00Z'), signer_removal_reason: 'key leaked' });
    expect(removed).toEqual({ status: 'UNTRUSTED', untrustedReason: 'the trusted signer that vouched was removed on 2026-12-01T10:00:00.000Z: key leaked' });
  });

  it('is UNTRUSTED once the model has another publisher than the one it was verified for', () => {
    expect(trustNow({ ...row, current_publisher_id: '9', current_publisher: 'other' })).toEqual({
      status: 'UNTRUSTED',
      untrustedReason: "verified for the publisher acme; the model's publisher is now other",
    });
  });

  it('keeps INVALID as recorded, and a row from before the publisher was recorded as VERIFIED', () => {
    expect(trustNow({ ...row, status: 'INVALID', signer_removed_at: new Date() }).status).toBe('INVALID');
    expect(trustNow({ ...row, organization_id: null, trusted_for: null, current_publisher_id: '9' }).status).toBe('VERIFIED');
  });
});
