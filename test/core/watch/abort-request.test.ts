import { describe, expect, it } from 'vitest';
import { manualAbort } from '../../../lambdas/core/watch/abort';
import { abortFromStored, abortRequest } from '../../../lambdas/core/watch/abort-request';

const NOW = Date.parse('2026-11-26T10:05:00Z');
const BY = 'arn:aws:sts::123456789012:assumed-role/oncall/ana';

describe('stored abort requests', () => {
  it('round-trips an abort through its stored form', () => {
    const abort = { ...manualAbort('data-corruption', ' orders written twice ', NOW), by: BY };

    const stored = abortRequest('d-4EXAMPLE1', abort);

    expect(stored).toEqual({
      deploymentId: 'd-4EXAMPLE1',
      reason: 'data-corruption',
      text: 'orders written twice',
      by: BY,
      requestedAt: '2026-11-26T10:05:00.000Z',
    });
    expect(abortFromStored(JSON.parse(JSON.stringify(stored)), NOW + 60_000)).toEqual(abort);
  });

  it.each([
    ['an unknown reason', { reason: 'bored', text: '', by: BY, requestedAt: '2026-11-26T10:04:00Z' }],
    ['no reason', { by: BY, requestedAt: '2026-11-26T10:04:00Z' }],
    ['not an object', 'abort!'],
  ])('still aborts on %s, saying it could not be read', (_, stored) => {
    const abort = abortFromStored(stored, NOW);

    expect(abort.reason).toBe('other');
    expect(abort.text).toMatch(/^an abort request was found but could not be read/);
    expect(abort.requestedAtMs).toBe(typeof stored === 'string' ? NOW : Date.parse('2026-11-26T10:04:00Z'));
  });
});
