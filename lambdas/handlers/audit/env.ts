import { z } from 'zod';
import { FunctionEnvironmentSchema } from '../env';

/** Environment of the audit functions that store reports and notify. */
export const AuditEnvironmentSchema = FunctionEnvironmentSchema.extend({
  REPORT_BUCKET: z.string().min(3),
  ALERT_TOPIC_ARN: z.string().startsWith('arn:'),
  HISTORY_TABLE: z.string().min(3),
});
export type AuditEnvironment = z.output<typeof AuditEnvironmentSchema>;

let parsed: AuditEnvironment | undefined;

/** The environment, parsed once per execution environment; a missing variable fails loudly. */
export function auditEnvironment(): AuditEnvironment {
  parsed ??= AuditEnvironmentSchema.parse(process.env);
  return parsed;
}
