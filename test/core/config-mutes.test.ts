import { describe, expect, it } from 'vitest';
import { MAX_MUTE_REASON, MAX_MUTES } from '../../lambdas/core/config/mutes-schema';
import { ConfigError, validateConfig } from '../../lambdas/core/config/validate';

/* Mutes are a configuration author's decision, so every mistake in one stops synthesis, naming where. */

function problemsOf(raw: unknown) {
  try {
    validateConfig(raw, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

const DB = 'arn:aws:rds:eu-west-1:111122223333:cluster:payments-aurora';
const good = {
  check: 'database-backups',
  resource: DB,
  reason: 'Restore test booked (OPS-77).',
  until: '2026-12-31',
};

describe('configuration: mutes', () => {
  it('accepts an ARN, a glob with a literal start and a tag, with an optional since', () => {
    const config = validateConfig({
      mutes: [
        good,
        { ...good, resource: 'arn:aws:rds:eu-west-1:111122223333:db:legacy-*', since: '2026-11-01' },
        { ...good, resource: 'tag:service=payments' },
      ],
    });
    expect(config.mutes).toHaveLength(3);
    expect(validateConfig({}).mutes).toEqual([]);
  });

  it.each([
    {
      case: 'an unknown check',
      mute: { ...good, check: 'database-backup' },
      key: 'mutes.[0].check',
      says: 'did you mean "database-backups"',
    },
    {
      case: 'a gate finding that is not a check',
      mute: { ...good, check: 'signoffs' },
      key: 'mutes.[0].check',
      says: 'expected the id of a check',
    },
    {
      case: 'until that is not a date',
      mute: { ...good, until: 'next month' },
      key: 'mutes.[0].until',
      says: 'YYYY-MM-DD',
    },
    {
      case: 'until that is no calendar day',
      mute: { ...good, until: '2026-02-30' },
      key: 'mutes.[0].until',
      says: 'YYYY-MM-DD',
    },
    {
      case: 'a time where a date belongs',
      mute: { ...good, until: '2026-12-31T00:00:00Z' },
      key: 'mutes.[0].until',
      says: 'YYYY-MM-DD',
    },
    {
      case: 'since after until',
      mute: { ...good, since: '2027-01-01' },
      key: 'mutes.[0].since',
      says: 'on or before until',
    },
    {
      case: 'no reason',
      mute: { ...good, reason: '   ' },
      key: 'mutes.[0].reason',
      says: 'expected a reason',
    },
    {
      case: 'a reason too long for every report',
      mute: { ...good, reason: 'x'.repeat(MAX_MUTE_REASON + 1) },
      key: 'mutes.[0].reason',
      says: `at most ${MAX_MUTE_REASON}`,
    },
    {
      case: 'a pattern muting everything',
      mute: { ...good, resource: '*' },
      key: 'mutes.[0].resource',
      says: 'would mute everything',
    },
    {
      case: 'a glob starting with a wildcard',
      mute: { ...good, resource: '*payments*' },
      key: 'mutes.[0].resource',
      says: 'would mute everything',
    },
    {
      case: 'a tag without a value separator',
      mute: { ...good, resource: 'tag:service' },
      key: 'mutes.[0].resource',
      says: 'tag:Key=Value',
    },
    {
      case: 'an unknown key',
      mute: { ...good, service: 'payments' },
      key: 'mutes.[0].service',
      says: 'Unrecognized',
    },
    {
      case: 'no until',
      mute: { check: good.check, resource: DB, reason: good.reason },
      key: 'mutes.[0].until',
      says: '',
    },
  ])('refuses $case, naming $key', ({ mute, key, says }) => {
    const problems = problemsOf({ mutes: [mute] });
    expect(problems.map((p) => p.key)).toContain(key);
    const problem = problems.find((p) => p.key === key);
    expect(`${problem?.expected}`.toLowerCase()).toContain(says.toLowerCase());
  });

  it(`refuses more than ${MAX_MUTES} mutes`, () => {
    expect(problemsOf({ mutes: Array.from({ length: MAX_MUTES + 1 }, () => good) })[0]).toMatchObject({
      key: 'mutes',
    });
  });
});
