import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * EventBridge Scheduler as a role's trusted service, for schedules of this account's default
 * schedule group only, so no schedule of another account can have Scheduler assume the role (the
 * confused-deputy conditions of the EventBridge Scheduler User Guide, also what CDK's scheduler
 * targets put on the roles they create).
 */
export function schedulerPrincipal(scope: Construct): iam.ServicePrincipal {
  const stack = Stack.of(scope);
  return new iam.ServicePrincipal('scheduler.amazonaws.com', {
    conditions: {
      StringEquals: {
        'aws:SourceAccount': stack.account,
        'aws:SourceArn': stack.formatArn({
          service: 'scheduler',
          resource: 'schedule-group',
          resourceName: 'default',
        }),
      },
    },
  });
}
