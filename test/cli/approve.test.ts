import { SendTaskFailureCommand, SendTaskSuccessCommand, SFNClient, TaskTimedOut } from '@aws-sdk/client-sfn';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../support/cli-in-process';
import { stubS3 } from '../support/s3-stub';

const sfn = mockClient(SFNClient);
const sts = mockClient(STSClient);
const s3 = stubS3();
const CALLER = 'arn:aws:sts::123456789012:assumed-role/SecurityEngineer/ana';

const approve = (...extra: string[]) =>
  runCliInProcess([
    'approve',
    '--run',
    'build-7',
    '--role',
    'Security Engineer',
    '--bucket',
    'reports',
    ...extra,
  ]);

describe('preflight approve', () => {
  beforeEach(() => {
    sfn.reset();
    sts.reset();
    s3.install();
    s3.objects.set(
      'reports/signoffs/build-7/security-engineer.json',
      JSON.stringify({ taskToken: 'token-1', label: 'orders prod build-7', role: 'Security Engineer' }),
    );
    sts.on(GetCallerIdentityCommand).resolves({ Arn: CALLER });
    sfn.on(SendTaskSuccessCommand).resolves({});
    sfn.on(SendTaskFailureCommand).resolves({});
  });

  it("approves with the caller's identity and time", async () => {
    const run = await approve('--comment', 'pen test done');

    expect(run.code).toBe(0);
    const sent = sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input;
    expect(sent?.taskToken).toBe('token-1');
    expect(JSON.parse(sent?.output ?? '{}')).toMatchObject({
      role: 'Security Engineer',
      approved: true,
      by: CALLER,
      comment: 'pen test done',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(run.stdout).toMatch(
      /^Approved orders prod build-7 as Security Engineer \(arn:aws:sts::123456789012:assumed-role\/SecurityEngineer\/ana, /,
    );
  });

  it('rejects with the reason, which the gate reports', async () => {
    const run = await approve('--reject', '--reason', 'open CVE-2026-1234');

    expect(run.code).toBe(0);
    const sent = sfn.commandCalls(SendTaskFailureCommand)[0]?.args[0].input;
    expect(sent).toMatchObject({ taskToken: 'token-1', error: 'SignoffRejected' });
    expect(JSON.parse(sent?.cause ?? '{}')).toMatchObject({ reason: 'open CVE-2026-1234', by: CALLER });
  });

  it('needs a reason to reject', async () => {
    const run = await approve('--reject');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--reject needs --reason');
    expect(sfn.calls()).toHaveLength(0);
  });

  it('says so when nothing is pending for that role', async () => {
    const run = await runCliInProcess([
      'approve',
      '--run',
      'build-7',
      '--role',
      'DBA',
      '--bucket',
      'reports',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'No sign-off is pending for "DBA" on run build-7 (s3://reports/signoffs/build-7/dba.json)',
    );
  });

  it('says so when the sign-off already timed out', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'Task Timed Out', $metadata: {} }));
    const run = await approve();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is no longer pending (answered or timed out)');
  });
});
