import { ErrorCode } from '../errors';
import { EvidenceOrigin, normalizeEvidence } from './evidence';

describe('normalizeEvidence', () => {
  it('fills defaults and keeps what was given', () => {
    const ev = normalizeEvidence(
      { origin: EvidenceOrigin.MODEL_CARD, justification: ' card says so ', documentRef: 'https://huggingface.co/x/y' },
      'input.evidence',
    );
    expect(ev).toMatchObject({
      origin: 'MODEL_CARD',
      justification: 'card says so',
      documentRef: 'https://huggingface.co/x/y',
      confidence: 1,
      collector: null,
    });
    expect(ev.observedAt).toBeInstanceOf(Date);
  });

  it('uses defaults for a pipeline declaration', () => {
    const ev = normalizeEvidence(null, 'input.evidence', { origin: EvidenceOrigin.PIPELINE_DECLARATION, justification: 'declared by ci' });
    expect(ev.origin).toBe('PIPELINE_DECLARATION');
  });

  it.each([
    [{ justification: 'x' }, 'input.evidence.origin'],
    [{ origin: EvidenceOrigin.MODEL_CARD, justification: '  ' }, 'input.evidence.justification'],
    [{ origin: EvidenceOrigin.MODEL_CARD, justification: 'x', documentRef: 'not a url' }, 'input.evidence.documentRef'],
    [{ origin: EvidenceOrigin.MODEL_CARD, justification: 'x', documentRef: 'ftp://x' }, 'input.evidence.documentRef'],
    [{ origin: EvidenceOrigin.MODEL_CARD, justification: 'x', confidence: 1.5 }, 'input.evidence.confidence'],
    [{ origin: EvidenceOrigin.MODEL_CARD, justification: 'x', observedAt: 'yesterday' }, 'input.evidence.observedAt'],
  ])('rejects %j naming %s', (draft, field) => {
    expect(() => normalizeEvidence(draft, 'input.evidence')).toThrow(expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field }));
  });
});
