import { describe, expect, it } from 'vitest';
import { run } from '../../../lambdas/handlers/audit/validate-input';

/*
 * The audit machine's first state against hostile or mistyped input: each problem names the field,
 * what was sent (as sent, control characters escaped) and what is expected, and nothing unexpected
 * (a TypeError) escapes.
 */

const CONFIG = {
  environments: { prod: { account: '111122223333', region: 'eu-west-1' } },
  services: { orders: { environments: ['prod'], resources: { tags: { service: 'orders' } } } },
};

async function refusal(input: unknown): Promise<string> {
  try {
    await run({ input, config: CONFIG, runId: 'run-1', startedAt: '2026-11-26T10:00:00Z' });
  } catch (error) {
    expect((error as Error).name).toBe('InvalidInputError');
    return (error as Error).message;
  }
  throw new Error('the input was accepted');
}

describe('audit machine input: hostile and mistyped values', () => {
  it.each([
    // Names every JavaScript object holds are names like any other: unknown here.
    [{ service: 'constructor', environment: 'prod' }, /service\/environment: unknown service "constructor"/],
    [{ service: 'toString', environment: 'prod' }, /unknown service "toString"/],
    [{ service: 'orders', environment: 'valueOf' }, /service "orders" is not deployed to "valueOf"/],
    [{ mode: 'scheduled', environment: 'hasOwnProperty' }, /unknown environment "hasOwnProperty"/],
    // What was sent, as sent, and what is expected.
    [{ service: 'orders', environment: 'prod', deploymentId: 42 }, /deploymentId: got 42; expected string/],
    [{ mode: 'GATE' }, /mode: got "GATE"; expected one of "gate", "scheduled"/],
    [{ mode: 'scheduled', checks: [' '] }, /checks\.0: got " "; expected a check id/],
    [{ mode: 'scheduled', checks: 'alarms' }, /checks: got "alarms"; expected an array/],
    ['gate', /\(input\): got "gate"; expected a JSON object/],
    [[1], /\(input\): got \[1\]; expected a JSON object/],
    [
      { service: 'orders', environment: 'prod', servce: 'x' },
      /servce: unknown field; expected one of mode, service, environment/,
    ],
    [
      JSON.parse('{"service":"orders","environment":"prod","__proto__":{"mode":"scheduled"}}'),
      /__proto__: unknown field/,
    ],
    [
      { service: 'orders', environment: 'prod', deploymentId: 'd1\u202e' },
      /deploymentId: got "d1\\u202e"; expected/,
    ],
  ])('refuses %j, saying where, what and what is expected', async (input, message) => {
    const text = await refusal(input);

    expect(text).toMatch(message);
    expect(text).not.toMatch(/TypeError|Cannot read|Invalid input:|Too small|[\u202e]/);
  });

  it.each([
    {
      case: 'a line break',
      link: 'https://ci.example/1\r\nPASS',
      message:
        /attestations\.tests-passing: got "https:\/\/ci\.example\/1\\r\\nPASS"; expected .*\(U\+000D\)/,
    },
    {
      case: 'a bidi override',
      link: 'https://ci.example/\u202e1',
      message: /attestations\.tests-passing: got "https:\/\/ci\.example\/\\u202e1"; expected .*\(U\+202E\)/,
    },
    {
      case: '3,000 characters',
      link: `https://ci.example/${'a'.repeat(3000)}`,
      message:
        /attestations\.tests-passing: got .*\(3019 characters\); expected an http\(s\) evidence link of at most 2048 characters/,
    },
  ])(
    'refuses an evidence link with $case: the report, the e-mail and the history echo it',
    async ({ link, message }) => {
      const text = await refusal({
        service: 'orders',
        environment: 'prod',
        attestations: { 'tests-passing': link },
      });

      expect(text).toMatch(message);
      expect(text).not.toMatch(/[\r\n\u202e]/);
    },
  );

  it('refuses attestations nested 40,000 levels deep (valid JSON within the 256 KB of an input), saying where', async () => {
    const deep = JSON.parse(`${'{"a":'.repeat(40_000)}1${'}'.repeat(40_000)}`);

    const text = await refusal({ service: 'orders', environment: 'prod', attestations: deep });

    expect(text).toMatch(
      /attestations\.a: got \{an object nested too deeply to show\}; expected an http\(s\) evidence link/,
    );
  });

  it('refuses an attestation keyed __proto__ rather than dropping it without a word', async () => {
    // JSON.parse keeps "__proto__" as a key of its own; copied into a new object it is dropped.
    const input = JSON.parse(
      '{"service":"orders","environment":"prod","attestations":{"__proto__":"https://ci.example/1","tests-passing":"https://ci.example/2"}}',
    );

    const text = await refusal(input);

    expect(text).toMatch(
      /attestations\.__proto__: expected an attestation key other than __proto__ \(JavaScript reserves it: the attestation would be dropped\)/,
    );
  });

  it('refuses a commit time at the epoch (an unset timestamp) rather than record 56 years of lead time', async () => {
    const text = await refusal({
      service: 'orders',
      environment: 'prod',
      commitTime: '1970-01-01T00:00:00Z',
    });

    expect(text).toContain(
      'commitTime: got 1970-01-01T00:00:00.000Z, more than 366 days before the gate starts (2026-11-26T10:00:00.000Z); expected the time the change being deployed was committed',
    );
  });
});
