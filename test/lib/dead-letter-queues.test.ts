import type { CfnResource as CdkCfnResource } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PreflightFunction } from '../../lib/preflight-function';
import type { PreflightStack } from '../../lib/preflight-stack';
import { synthPreflight } from '../harness/synth';
import {
  actionsOf,
  type CfnResource,
  ofType,
  property,
  resolved,
  resources,
  roleStatements,
  servicePrincipals,
  statementsIn,
} from '../support/template-policies';

/*
 * Whatever runs asynchronously (a schedule firing, Lambda invoked as an event) fails where no caller
 * sees it. Each such target has a dead-letter queue, so a failed run leaves a message, and every
 * queue is alarmed (alert-delivery.test.ts). Functions that keep the "no DLQ" acknowledgement must
 * really be invoked only synchronously, by Step Functions.
 */

const CONFIG = {
  notifications: { emails: ['oncall@example.com'] },
  schedules: { audit: { expression: 'cron(30 5 ? * MON-FRI *)' } },
};

let template: Template;
let stack: PreflightStack;
beforeAll(() => {
  ({ template, stack } = synthPreflight(CONFIG));
});

const queueIds = () => new Set(ofType(template, 'AWS::SQS::Queue').map(([id]) => id));
const arnOf = (value: unknown) => String(resolved(value)).replace(/^<(.+)\.Arn>$/, '$1');
const trustedServices = (roleId: string) =>
  statementsIn(resources(template)[roleId], 'AssumeRolePolicyDocument').flatMap(servicePrincipals);

/** Roles allowed to invoke the function, by logical id. */
function invokers(functionId: string): string[] {
  return ofType(template, 'AWS::IAM::Role')
    .map(([roleId]) => roleId)
    .filter((roleId) =>
      roleStatements(template, roleId).some(
        (s) =>
          s.Effect === 'Allow' &&
          actionsOf(s).includes('lambda:InvokeFunction') &&
          [s.Resource]
            .flat()
            .some((r) => String(resolved(r)) === `<${functionId}.Arn>` || String(resolved(r)) === '*'),
      ),
    );
}

/** The role may send to the queue. */
function maySendTo(roleId: string, queueId: string): boolean {
  return roleStatements(template, roleId).some(
    (s) =>
      s.Effect === 'Allow' &&
      actionsOf(s).includes('sqs:SendMessage') &&
      [s.Resource].flat().some((r) => arnOf(r) === queueId),
  );
}

describe('schedules', () => {
  it('send what they could not deliver to a dead-letter queue of the stack that their role may write to', () => {
    const schedules = ofType(template, 'AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(2);
    for (const [, schedule] of schedules) {
      const target = schedule.Properties?.Target as {
        RoleArn: unknown;
        DeadLetterConfig?: { Arn: unknown };
      };
      expect(target.DeadLetterConfig).toBeDefined();
      const queue = arnOf(target.DeadLetterConfig?.Arn);
      expect(queueIds()).toContain(queue);
      expect(maySendTo(arnOf(target.RoleArn), queue)).toBe(true);
    }
  });

  it('created at run time for follow-ups get a dead-letter queue their role may write to', () => {
    const scheduler = stack.followups.schedulerFunction;
    const fn = resources(template)[stack.getLogicalId(scheduler.node.defaultChild as CdkCfnResource)];
    const variables = property<{ Variables: Record<string, unknown> }>(fn, 'Environment').Variables;
    const queue = arnOf(variables.FOLLOWUP_DEAD_LETTER_QUEUE_ARN);
    expect(queueIds()).toContain(queue);
    expect(maySendTo(arnOf(variables.SCHEDULER_ROLE_ARN), queue)).toBe(true);
  });
});

describe('functions', () => {
  const functions = () =>
    stack.node
      .findAll()
      .filter((c): c is PreflightFunction => c instanceof PreflightFunction)
      .map((fn) => {
        const id = stack.getLogicalId(fn.node.defaultChild as CdkCfnResource);
        return { fn, id, resource: resources(template)[id] as CfnResource };
      });
  /** Invoked asynchronously: a Scheduler role may invoke it (schedules invoke Lambda as an event). */
  const asynchronous = (id: string) =>
    invokers(id).some((roleId) => trustedServices(roleId).includes('scheduler.amazonaws.com'));
  const acknowledgesNoDlq = (fn: PreflightFunction) =>
    fn.node.metadata.some(
      (m) =>
        m.type === 'aws:cdk:acknowledged-rules' &&
        Object.keys(m.data as object).includes('Serverless::Serverless-LambdaDLQ'),
    );

  it('invoked asynchronously (the review and the follow-up) have a dead-letter queue they may write to', () => {
    const async = functions().filter(({ id }) => asynchronous(id));
    expect(async.map(({ fn }) => fn.node.path).sort()).toEqual([
      'Preflight/Default/Followups/Run',
      'Preflight/Default/Review/Function',
    ]);
    for (const { resource } of async) {
      const config = resource.Properties?.DeadLetterConfig as { TargetArn: unknown } | undefined;
      expect(config).toBeDefined();
      const queue = arnOf(config?.TargetArn);
      expect(queueIds()).toContain(queue);
      expect(maySendTo(arnOf(resource.Properties?.Role), queue)).toBe(true);
    }
  });

  it('without a dead-letter queue are invoked only synchronously: by Step Functions or their IAM-authenticated URL', () => {
    const withoutDlq = functions().filter(
      ({ resource }) => resource.Properties?.DeadLetterConfig === undefined,
    );
    expect(withoutDlq.length).toBeGreaterThanOrEqual(9);
    const permissions = ofType(template, 'AWS::Lambda::Permission').map(([, p]) =>
      resolved(p.Properties?.FunctionName),
    );
    const urls = ofType(template, 'AWS::Lambda::Url').map(([, url]) => ({
      target: resolved(url.Properties?.TargetFunctionArn),
      authType: url.Properties?.AuthType,
    }));
    for (const { id } of withoutDlq) {
      const url = urls.find((u) => u.target === `<${id}.Arn>`);
      const callers = invokers(id).flatMap(trustedServices);
      if (url === undefined) {
        expect(callers.length).toBeGreaterThan(0);
        expect(new Set(callers)).toEqual(new Set(['states.amazonaws.com']));
      } else {
        // A function URL is called synchronously: its caller receives every error.
        expect(url.authType).toBe('AWS_IAM');
        expect(callers).toEqual([]);
      }
      expect(permissions).not.toContain(`<${id}.Arn>`);
    }
  });

  it('acknowledge "no DLQ" only where that is true: the synchronously invoked ones', () => {
    for (const { fn, resource } of functions()) {
      expect(acknowledgesNoDlq(fn)).toBe(resource.Properties?.DeadLetterConfig === undefined);
    }
  });
});

describe('dead-letter queues', () => {
  it('are encrypted, refuse plain transport and keep messages 14 days', () => {
    for (const [id, queue] of ofType(template, 'AWS::SQS::Queue')) {
      expect(queue.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 1_209_600,
      });
      const policies = ofType(template, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
        property<{ Ref: string }[]>(p, 'Queues').some((q) => q.Ref === id),
      );
      const statements = policies.flatMap(([, p]) => statementsIn(p));
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });
});
