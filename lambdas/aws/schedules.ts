import { ConflictException, CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { callAws } from './call';
import { clientConfig } from './client-config';

export interface OneTimeSchedule {
  readonly name: string;
  readonly expression: string;
  readonly targetArn: string;
  readonly roleArn: string;
  readonly input: unknown;
  /** Where Scheduler sends the event when it cannot invoke the target. */
  readonly deadLetterQueueArn: string;
}

/** Creates one-time EventBridge Scheduler schedules that delete themselves after they run. */
export class OneTimeSchedules {
  constructor(private readonly client: SchedulerClient = new SchedulerClient(clientConfig())) {}

  /** Creates the schedule; one that already exists (a retried request) is left as it is. */
  async create(schedule: OneTimeSchedule): Promise<'created' | 'exists'> {
    try {
      await callAws('scheduler:CreateSchedule', () =>
        this.client.send(
          new CreateScheduleCommand({
            Name: schedule.name,
            ScheduleExpression: schedule.expression,
            ScheduleExpressionTimezone: 'UTC',
            FlexibleTimeWindow: { Mode: 'OFF' },
            ActionAfterCompletion: 'DELETE',
            Target: {
              Arn: schedule.targetArn,
              RoleArn: schedule.roleArn,
              Input: JSON.stringify(schedule.input),
              RetryPolicy: { MaximumRetryAttempts: 3 },
              DeadLetterConfig: { Arn: schedule.deadLetterQueueArn },
            },
          }),
        ),
      );
      return 'created';
    } catch (error) {
      if ((error as { code?: string }).code === 'ConflictException' || error instanceof ConflictException)
        return 'exists';
      throw error;
    }
  }
}
