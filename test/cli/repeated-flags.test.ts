import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';

/*
 * A flag that decides what is judged, where, by whom or for which deployment, given twice: commander
 * would take the last value without a word (`gate --env prod ... --env staging` gates staging). It is
 * refused with exit 2, naming the flag and both values, before any AWS call. Flags that only shape
 * the output (`--format`, `--poll-seconds`) keep the last value.
 */

const GATE = ['gate', '--service', 'orders', '--env', 'prod'];
const WATCH = ['watch', 'start', '--service', 'orders', '--env', 'prod', '--deployment-id', 'd-1'];
const ABORT = ['watch', 'abort', '--deployment-id', 'd-1', '--reason', 'alarm'];
const APPROVE = ['approve', '--run', 'r-1', '--role', 'Security'];

describe('preflight: a single-value flag given twice', () => {
  it.each([
    [[...GATE, '--env', 'staging'], '--env', '"prod"', '"staging"'],
    [
      ['gate', '--service', 'orders', '--service', 'payments', '--env', 'prod'],
      '--service',
      '"orders"',
      '"payments"',
    ],
    [[...GATE, '--deployment-id', 'b-1', '--deployment-id', 'b-2'], '--deployment-id', '"b-1"', '"b-2"'],
    [[...GATE, '-c', 'a.json', '--config', 'b.json'], '--config', '"a.json"', '"b.json"'],
    [[...GATE, '--region', 'eu-west-1', '--region=us-east-1'], '--region', '"eu-west-1"', '"us-east-1"'],
    [[...GATE, '--profile', 'ci', '--profile', 'admin'], '--profile', '"ci"', '"admin"'],
    [
      [...GATE, '--override-window', 'hotfix one', '--override-window', 'x'],
      '--override-window',
      '"hotfix one"',
      '"x"',
    ],
    [
      [...GATE, '--control-url', 'https://a.example', '--control-url', 'https://b.example'],
      '--control-url',
      '"https://a.example"',
      '"https://b.example"',
    ],
    [[...GATE, '--state-machine-arn', 'a', '--state-machine-arn', 'b'], '--state-machine-arn', '"a"', '"b"'],
    [[...WATCH, '--env', 'staging'], '--env', '"prod"', '"staging"'],
    [[...WATCH, '--deployment-id', 'd-2'], '--deployment-id', '"d-1"', '"d-2"'],
    [[...WATCH, '--minutes', '30', '--minutes', '5'], '--minutes', '"30"', '"5"'],
    [[...WATCH, '--bucket', 'a', '--bucket', 'b'], '--bucket', '"a"', '"b"'],
    [
      ['watch', 'status', '--deployment-id', 'd-1', '--deployment-id', 'd-2'],
      '--deployment-id',
      '"d-1"',
      '"d-2"',
    ],
    [[...ABORT, '--reason', 'manual'], '--reason', '"alarm"', '"manual"'],
    [[...ABORT, '--deployment-id', 'd-2'], '--deployment-id', '"d-1"', '"d-2"'],
    [[...APPROVE, '--role', 'DBA'], '--role', '"Security"', '"DBA"'],
    [[...APPROVE, '--run', 'r-2'], '--run', '"r-1"', '"r-2"'],
    [['audit', '--service', 'a', '--env', 'prod', '--env', 'dev'], '--env', '"prod"', '"dev"'],
    [['audit', '--sample', '--checks', 'alarms', '--checks', 'tracing'], '--checks', '"alarms"', '"tracing"'],
  ])('%j: refused, exit 2, naming %s and both values', async (args, flag, first, second) => {
    const run = await runCliInProcess(args);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `preflight: ${flag} given twice (${first}, then ${second}); it decides what is judged, where or by whom: give it once.\n`,
    );
  });

  it('keeps the last --format and --poll-seconds: they only shape the output', async () => {
    const run = await runCliInProcess([
      'audit',
      '--sample',
      '--quiet',
      '--checks',
      'acm-certificates',
      '--format',
      'text',
      '--format',
      'json',
    ]);

    expect(run.stderr).toBe('');
    expect(Array.isArray(JSON.parse(run.stdout))).toBe(true);
  });
});

describe('preflight gate: one attestation key given twice', () => {
  it('is refused, exit 2, naming the key and both links, rather than keeping the last', async () => {
    const run = await runCliInProcess([
      ...GATE,
      '--attest',
      'tests-passing=https://ci.example.com/1#tests',
      '--attest',
      'tests-passing=https://ci.example.com/2#tests',
    ]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'tests-passing given twice ("https://ci.example.com/1#tests", then "https://ci.example.com/2#tests"): attest each key once',
    );
  });
});
