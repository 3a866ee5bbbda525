import middy from '@middy/core';
import { OneTimeSchedules } from '../../aws/schedules';
import { planFollowups } from '../../core/followups/plan';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from '../../core/identifiers';
import * as z from '../../core/zod';
import { invalidInput } from '../errors';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import { ScheduleFollowupsEnvironment } from './env';

const EventSchema = z.strictObject({
  deploymentId: DeploymentIdSchema,
  service: ServiceNameSchema,
  environment: EnvironmentNameSchema,
  decidedAt: z.iso.datetime({ offset: true }),
});

let schedules: OneTimeSchedules | undefined;

/** After a watch decides PROCEED: create the 1 h, 24 h and 7 d follow-ups (each deletes itself after it runs). */
export async function run(
  event: unknown,
): Promise<{ schedules: { name: string; expression: string; result: string }[] }> {
  const env = ScheduleFollowupsEnvironment.read();
  schedules ??= new OneTimeSchedules();
  const parsed = EventSchema.safeParse(event);
  if (!parsed.success) throw invalidInput('follow-up request', parsed.error.issues);
  const created = [];
  for (const planned of planFollowups(parsed.data)) {
    const result = await schedules.create({
      name: planned.name,
      expression: planned.expression,
      targetArn: env.FOLLOWUP_FUNCTION_ARN,
      roleArn: env.SCHEDULER_ROLE_ARN,
      input: planned.request,
      deadLetterQueueArn: env.FOLLOWUP_DEAD_LETTER_QUEUE_ARN,
    });
    created.push({ name: planned.name, expression: planned.expression, result });
  }
  logger.info('follow-ups scheduled', { deploymentId: parsed.data.deploymentId, created });
  return { schedules: created };
}

export const handler = middy(run).use(baseMiddleware({ environment: ScheduleFollowupsEnvironment }));
