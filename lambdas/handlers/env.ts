import { z } from 'zod';

/**
 * Environment every Preflight function receives. The CDK construct types its `environment`
 * prop from this schema, so a missing variable is a compile error, not a cold-start failure.
 */
export const FunctionEnvironmentSchema = z.object({
  POWERTOOLS_SERVICE_NAME: z.string().min(1),
  POWERTOOLS_LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
});

export type FunctionEnvironment = z.input<typeof FunctionEnvironmentSchema>;
