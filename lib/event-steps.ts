import { Duration, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import { ALL_DETAIL_TYPES, EVENT_SOURCE } from '../lambdas/core/events/model';
import { countFailure, failureCountMetric, NOTIFICATIONS_FAILED } from './workflow-steps';

/*
 * Putting Preflight's events on the account's default event bus from a state machine. The entries
 * (source, detail type, detail) are built by Preflight's own functions (lambdas/core/events); the
 * machine passes them on. Delivery fails open: a PutEvents that still fails after its retries is
 * counted in Preflight/EventsFailed (alarmed) and the run goes on, so an event never changes a
 * verdict, a decision or a notification.
 */

/** The metric a workflow adds 1 to for every PutEvents it could not make (dimension Workflow). */
export const EVENTS_FAILED = {
  namespace: NOTIFICATIONS_FAILED.namespace,
  metricName: 'EventsFailed',
} as const;

/** Failed event deliveries of one workflow (`audit`, `watch`), summed over 5 minutes. */
export function eventsFailedMetric(workflow: string): cloudwatch.Metric {
  return failureCountMetric(EVENTS_FAILED, workflow);
}

/** Whole-call failures worth another try. A failed entry is not retried: the others would repeat. */
const TRANSIENT_EVENTBRIDGE_ERRORS = ['EventBridge.InternalException', 'EventBridge.ThrottlingException'];

function countFailedEvents(
  scope: Construct,
  id: string,
  workflow: string,
  next: sfn.IChainable,
): sfn.CustomState {
  return countFailure(scope, id, EVENTS_FAILED, workflow, '$.eventsCountError', next);
}

export interface PutEventsStepsProps {
  /** Path of the entries to put (an array, possibly empty). */
  readonly entries: string;
  /** The `Workflow` dimension of the failure count. */
  readonly workflow: string;
  /** Where the machine goes on, whether the events were put or not. */
  readonly next: sfn.IChainable;
}

/**
 * `Any events?` (Choice) then `<id>` (PutEvents on the default bus, Retry on throttling), both going
 * on to `next`; a failure after the retries is kept in `$.eventsError`, counted, and goes on too.
 */
export function putEventsSteps(scope: Construct, id: string, props: PutEventsStepsProps): sfn.Choice {
  const put = new sfn.CustomState(scope, id, {
    stateJson: {
      Type: 'Task',
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: { 'Entries.$': props.entries },
      ResultPath: null,
    },
  });
  put.addRetry({
    errors: TRANSIENT_EVENTBRIDGE_ERRORS,
    interval: Duration.seconds(2),
    maxAttempts: 3,
    backoffRate: 2,
    jitterStrategy: sfn.JitterType.FULL,
  });
  put.addCatch(countFailedEvents(scope, `Count failed ${id}`, props.workflow, props.next), {
    errors: ['States.ALL'],
    resultPath: '$.eventsError',
  });
  put.next(props.next);
  return new sfn.Choice(scope, `${id}?`)
    .when(sfn.Condition.isPresent(`${props.entries}[0]`), put)
    .otherwise(props.next);
}

/**
 * events:PutEvents on the account's default bus only, and only Preflight's source and detail types:
 * the machine cannot speak for another source (`aws.*` cannot be put at all) or invent a type.
 */
export function allowPuttingEvents(machine: sfn.StateMachine): void {
  const stack = Stack.of(machine);
  machine.addToRolePolicy(
    new iam.PolicyStatement({
      actions: ['events:PutEvents'],
      resources: [stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default' })],
      conditions: {
        StringEquals: { 'events:source': EVENT_SOURCE, 'events:detail-type': [...ALL_DETAIL_TYPES] },
      },
    }),
  );
}
