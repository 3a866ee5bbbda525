import { describe, expect, it } from 'vitest';
import { MAX_ABORT_TEXT_BYTES, manualAbort } from '../../../lambdas/core/watch/abort';
import {
  abortRequest,
  readAbortRequest,
  type StoredAbortObject,
} from '../../../lambdas/core/watch/abort-request';

const STARTED = Date.parse('2026-11-26T10:00:30Z');
const NOW = Date.parse('2026-11-26T10:05:00Z');
const BY = 'arn:aws:sts::123456789012:assumed-role/oncall/ana';
const STORED_AT = Date.parse('2026-11-26T10:04:30Z');

const object = (text: string, lastModifiedMs: number | null = STORED_AT): StoredAbortObject => ({
  text,
  truncated: false,
  lastModifiedMs,
});
const record = (fields: Record<string, unknown>) =>
  object(
    JSON.stringify({
      deploymentId: 'd-4EXAMPLE1',
      reason: 'data-corruption',
      text: 'orders written twice',
      by: BY,
      requestedAt: '2026-11-26T10:04:00Z',
      ...fields,
    }),
  );

describe('readAbortRequest', () => {
  describe('a well-formed request', () => {
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
      expect(readAbortRequest(object(JSON.stringify(stored)), STARTED, NOW + 60_000)).toEqual({
        kind: 'abort',
        abort,
      });
    });

    it('caps the note at 1 KB of UTF-8, never inside a character', () => {
      const reading = readAbortRequest(record({ text: `é${'ü'.repeat(40_000)}` }), STARTED, NOW);

      const text = reading.kind === 'abort' ? reading.abort.text : '';
      expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(MAX_ABORT_TEXT_BYTES);
      expect(text).toMatch(/^éü+ \[truncated\]$/);
    });
  });

  describe('a request that cannot be read still aborts', () => {
    it.each([
      ['an empty object', object(''), /the object is empty/],
      ['whitespace only', object('  \n'), /the object is empty/],
      ['text that is not JSON', object('abort now!'), /the object is not JSON/],
      ['a JSON array', object('["abort"]'), /not a JSON object/],
      ['JSON without a reason', record({ reason: undefined }), /it has no reason code/],
      ['JSON without requestedAt', record({ requestedAt: undefined }), /no valid requestedAt/],
      ['an unknown reason code', record({ reason: 'bored' }), /unknown abort reason "bored"/],
      ['"other" without text', record({ reason: 'other', text: '' }), /needs a text/],
      [
        'an object too large to read',
        { text: '', truncated: true, lastModifiedMs: STORED_AT },
        /larger than an abort request can be/,
      ],
    ])('%s: reason other, saying it could not be read and why', (_, stored, why) => {
      const reading = readAbortRequest(stored, STARTED, NOW);

      expect(reading.kind).toBe('abort');
      const abort = reading.kind === 'abort' ? reading.abort : undefined;
      expect(abort?.reason).toBe('other');
      expect(abort?.text).toMatch(/^an abort request was found but could not be read \(/);
      expect(abort?.text).toMatch(why);
      expect(abort?.text).toMatch(/aborting anyway$/);
    });

    it('dates an unreadable request by its requestedAt when that reads, else by S3, else now', () => {
      const time = (stored: StoredAbortObject) => {
        const reading = readAbortRequest(stored, STARTED, NOW);
        return reading.kind === 'abort' ? reading.abort.requestedAtMs : undefined;
      };

      expect(time(record({ reason: 'bored' }))).toBe(Date.parse('2026-11-26T10:04:00Z'));
      expect(time(object('not json'))).toBe(STORED_AT);
      expect(time(object('not json', null))).toBe(NOW);
    });

    it('keeps who asked when the record names it', () => {
      const reading = readAbortRequest(record({ reason: 'bored' }), STARTED, NOW);

      expect(reading.kind === 'abort' && reading.abort.by).toBe(BY);
    });
  });

  describe('an abort from before the watch started', () => {
    const before = Date.parse('2026-11-25T18:00:00Z');

    it('is set aside with the reason, never acted on', () => {
      const reading = readAbortRequest(
        { ...record({ requestedAt: new Date(before).toISOString() }), lastModifiedMs: before },
        STARTED,
        NOW,
      );

      expect(reading).toEqual({
        kind: 'stale',
        stale: {
          requestedAt: '2026-11-25T18:00:00.000Z',
          reason: 'data-corruption',
          detail:
            'an abort (data-corruption) requested at 2026-11-25T18:00:00.000Z, before the watch started at 2026-11-26T10:00:30.000Z, was ignored: it is not about this rollout',
        },
      });
    });

    it('is judged by when S3 stored it when it cannot be read', () => {
      expect(readAbortRequest(object('', before), STARTED, NOW).kind).toBe('stale');
      expect(readAbortRequest(object('', STARTED), STARTED, NOW).kind).toBe('abort');
    });

    it('is not stale when S3 stored it after the start, whatever its requestedAt says', () => {
      const backdated = record({ requestedAt: new Date(before).toISOString() });

      expect(readAbortRequest(backdated, STARTED, NOW).kind).toBe('abort');
    });
  });
});
