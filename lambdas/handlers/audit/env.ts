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

/** Environment of the check functions: the audit's, and the role that reaches other accounts. */
export const CheckEnvironmentSchema = AuditEnvironmentSchema.extend({
  /** Preflight's named role that member accounts trust; the check functions assume it first. */
  REACH_ROLE_ARN: z.string().startsWith('arn:'),
});
export type CheckEnvironment = z.output<typeof CheckEnvironmentSchema>;

let parsedCheck: CheckEnvironment | undefined;

/** The check functions' environment, parsed once per execution environment. */
export function checkEnvironment(): CheckEnvironment {
  parsedCheck ??= CheckEnvironmentSchema.parse(process.env);
  return parsedCheck;
}
