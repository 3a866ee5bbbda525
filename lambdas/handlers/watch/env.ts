import { z } from 'zod';
import { FunctionEnvironmentSchema } from '../env';

/** Environment of the watch functions: where aborts, decisions and history are kept. */
export const WatchEnvironmentSchema = FunctionEnvironmentSchema.extend({
  REPORT_BUCKET: z.string().min(3),
  HISTORY_TABLE: z.string().min(3),
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
