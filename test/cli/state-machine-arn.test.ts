import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bareEnvironment, type CliRun, runCli } from '../support/cli';

/*
 * A state machine ARN that is not one (a typo, an SNS topic's ARN, a half-pasted value) is refused
 * locally with what was given and what is expected, before AWS is set up: no credentials here, so a
 * value that got through would end on "no AWS credentials" instead.
 */

const home = mkdtempSync(path.join(tmpdir(), 'preflight-arn-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function preflight(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, {
    cwd: home,
    cleanEnv: bareEnvironment(home, env),
  });
}

const GATE = ['gate', '--service', 'orders', '--env', 'prod'];
const WATCH_START = ['watch', 'start', '--service', 'orders', '--env', 'prod', '--deployment-id', 'd-1'];
const WATCH_STATUS = ['watch', 'status', '--deployment-id', 'd-1'];

describe('a --state-machine-arn that is not a state machine ARN', () => {
  it.each([
    [GATE, 'bogus', '--state-machine-arn', 'AuditStateMachineArn'],
    [
      GATE,
      'arn:aws:sns:eu-west-1:123456789012:preflight-alerts',
      '--state-machine-arn',
      'AuditStateMachineArn',
    ],
    [GATE, 'arn:', '--state-machine-arn', 'AuditStateMachineArn'],
    [
      WATCH_START,
      'arn:aws:states:eu-west-1:123456789012:execution:PreflightWatch:d-1',
      '--state-machine-arn',
      'WatchStateMachineArn',
    ],
    [WATCH_STATUS, 'PreflightWatch', '--state-machine-arn', 'WatchStateMachineArn'],
  ])(
    '%j %s: refused in one line naming the flag and what is expected (exit 2)',
    async (command, arn, flag, output) => {
      const run = await preflight([...command, '--state-machine-arn', arn]);

      expect(run.stdout).toBe('');
      // The last line: `watch start` first says it found no configuration to check.
      expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(
        `preflight: ${flag}: got "${arn}"; expected a Step Functions state machine ARN, arn:aws:states:<region>:<account>:stateMachine:<name> (the stack output ${output}).`,
      );
      expect(run.code).toBe(2);
    },
  );

  it('names the environment variable when the value came from there', async () => {
    const run = await preflight(GATE, { PREFLIGHT_STATE_MACHINE_ARN: 'PreflightAudit' });

    expect(run.stderr).toMatch(
      /^preflight: PREFLIGHT_STATE_MACHINE_ARN: got "PreflightAudit"; expected a Step Functions/,
    );
    expect(run.code).toBe(2);
  });

  it.each([
    'arn:aws:states:eu-west-1:123456789012:stateMachine:PreflightAudit',
    'arn:aws:states:eu-west-1:123456789012:stateMachine:PreflightAudit:live',
    'arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:AuditStateMachine1A2B-xYz_9',
  ])('accepts %s and goes on to set AWS up', async (arn) => {
    const run = await preflight([...GATE, '--state-machine-arn', arn]);

    expect(run.stderr).toMatch(/^preflight: no AWS credentials/);
    expect(run.code).toBe(2);
  });
});
