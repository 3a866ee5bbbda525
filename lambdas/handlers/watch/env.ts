import { z } from 'zod';
import { FunctionEnvironmentSchema } from '../env';

/**
 * Environment of the watch functions: where aborts, decisions and history are kept, and where
 * Preflight itself runs (the stack's account and region): a watch of an environment that names no
 * account or region watches and rolls back there.
 */
export const WatchEnvironmentSchema = FunctionEnvironmentSchema.extend({
  REPORT_BUCKET: z.string().min(3),
  HISTORY_TABLE: z.string().min(3),
  HOME_ACCOUNT: z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id'),
  HOME_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region such as eu-west-1'),
});
export type WatchEnvironment = z.output<typeof WatchEnvironmentSchema>;
/** What the construct must set (the house construct adds the platform's own variables). */
export type WatchFunctionEnvironment = Omit<
  z.input<typeof WatchEnvironmentSchema>,
  'POWERTOOLS_SERVICE_NAME'
>;

let parsed: WatchEnvironment | undefined;

/** The environment, parsed once per execution environment; a missing variable fails loudly. */
export function watchEnvironment(): WatchEnvironment {
  parsed ??= WatchEnvironmentSchema.parse(process.env);
  return parsed;
}
