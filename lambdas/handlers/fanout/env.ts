import { z } from 'zod';
import { FunctionEnvironmentSchema } from '../env';

/** Environment of the fan-out's functions: where the plan, the children's results and the summary are. */
export const FanoutEnvironmentSchema = FunctionEnvironmentSchema.extend({
  REPORT_BUCKET: z.string().min(3),
});
export type FanoutEnvironment = z.output<typeof FanoutEnvironmentSchema>;

let parsed: FanoutEnvironment | undefined;

/** The environment, parsed once per execution environment; a missing variable fails loudly. */
export function fanoutEnvironment(): FanoutEnvironment {
  parsed ??= FanoutEnvironmentSchema.parse(process.env);
  return parsed;
}
