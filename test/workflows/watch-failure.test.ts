import { GetDeploymentCommand, StopDeploymentCommand } from '@aws-sdk/client-codedeploy';
import { PutItemCommand, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExtractedStateMachine } from '../harness/asl';
import {
  breaking,
  CODEDEPLOY,
  codedeploy,
  DEPLOYMENT,
  dynamodb,
  METRICS,
  machineFor,
  messages,
  metricsFrom,
  s3,
  stubWatchAccount,
  watch,
} from './watch-fixtures';

stubWatchAccount();

/*
 * The watch fails after its Act task ran the rollback action (here: recording the `rollback` history
 * event keeps failing). Act is retried without running the action again, and Record failure reads the
 * rollback marker, so the decision and the message say what ran: never "nothing was rolled back".
 */

const kindOf = (input: PutItemCommandInput) =>
  (JSON.parse(input.Item?.event?.S ?? '{}') as { kind?: string }).kind;

/** The history table refuses the `rollback` event, every time: Act fails after the action ran. */
function historyRefusesRollbackEvent(): void {
  dynamodb.on(PutItemCommand).callsFake((input: PutItemCommandInput) => {
    if (kindOf(input) === 'rollback') {
      throw Object.assign(new Error('internal error'), { name: 'InternalServerError' });
    }
    return {};
  });
}

const rollbackEventAttempts = () =>
  dynamodb.commandCalls(PutItemCommand).filter((c) => kindOf(c.args[0].input) === 'rollback').length;

describe('watch state machine: a failure after the rollback ran', () => {
  let machine: ExtractedStateMachine;
  beforeAll(() => {
    machine = machineFor({ watch: { minutes: 10, metrics: METRICS, rollback: CODEDEPLOY } });
  });

  it('runs the action exactly once although Act is retried, and says the rollback ran', async () => {
    metricsFrom(breaking('errors', 200));
    historyRefusesRollbackEvent();

    const run = await watch(machine);

    // Act ran three times (two retries of a failed AWS call); the action ran once.
    expect(rollbackEventAttempts()).toBe(3);
    expect(codedeploy).toHaveReceivedCommandTimes(StopDeploymentCommand, 1);
    expect(codedeploy).toHaveReceivedCommandTimes(GetDeploymentCommand, 1);
    expect(run.statesEntered).toContain('Record failure');
    expect(run.error).toBeUndefined();
    expect(run.output).toMatchObject({ decision: 'ROLLBACK', trigger: null });
    expect(run.output?.reason).toMatch(
      new RegExp(
        `^the watch itself failed \\(AwsCallError\\) after it decided ROLLBACK and its rollback action ran: codedeploy succeeded \\(stopped CodeDeploy deployment ${DEPLOYMENT} of orders/orders-prod with rollback \\(Pending\\)\\)$`,
      ),
    );
    const { email, sms } = messages(run);
    expect(email).toContain(
      'The watch had decided ROLLBACK, and its rollback action ran: codedeploy succeeded:',
    );
    expect(sms).toBe(
      `Preflight ROLLBACK orders prod: watch failed (AwsCallError), rollback codedeploy ran. Dep ${DEPLOYMENT}`,
    );
    expect(run.published.at(-1)?.attributes).toEqual({
      verdict: { DataType: 'String', StringValue: 'FAIL' },
    });
    expect(`${email} ${sms} ${run.output?.reason}`).not.toMatch(
      /nothing was rolled back|no rollback action ran/i,
    );
  });

  it('says the rollback action failed, and to roll back by hand', async () => {
    metricsFrom(breaking('errors', 200));
    historyRefusesRollbackEvent();
    codedeploy
      .on(StopDeploymentCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));

    const run = await watch(machine);

    expect(codedeploy).toHaveReceivedCommandTimes(StopDeploymentCommand, 1);
    expect(run.output?.decision).toBe('ROLLBACK');
    expect(run.output?.reason).toMatch(
      /its rollback action ran: codedeploy FAILED \(codedeploy:StopDeployment failed \(AccessDeniedException\): not authorized\); roll back by hand$/,
    );
    expect(messages(run).email).toContain('Roll back by hand now: the automated action did not complete.');
    expect(messages(run).sms).toContain('rollback codedeploy FAILED');
  });

  it('says the action started with an unknown outcome when its result was never recorded', async () => {
    metricsFrom(breaking('errors', 200));
    historyRefusesRollbackEvent();
    // The marker's start is written; its completion (with the result) is refused.
    s3.mock.on(PutObjectCommand).callsFake((input: { Bucket: string; Key: string; Body: string }) => {
      if (input.Key.endsWith('/rollback.json') && input.Body.includes('"result"')) {
        throw Object.assign(new Error('internal error'), { name: 'InternalError' });
      }
      s3.objects.set(`${input.Bucket}/${input.Key}`, input.Body);
      return {};
    });

    const run = await watch(machine);

    expect(codedeploy).toHaveReceivedCommandTimes(StopDeploymentCommand, 1);
    expect(run.output?.decision).toBe('ROLLBACK');
    expect(run.output?.reason).toMatch(
      /^the watch itself failed \(AwsCallError\) after it decided ROLLBACK and started the codedeploy rollback action at .*; its outcome is unknown: check it, and roll back by hand if needed$/,
    );
    expect(messages(run).sms).toContain('rollback codedeploy started, outcome unknown');
  });
});
