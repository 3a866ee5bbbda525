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

/**
 * The act function also knows where it runs (from the stack's own account and region), because the
 * rollback action acts there only.
 */
export const ActEnvironmentSchema = WatchEnvironmentSchema.extend({
  HOME_ACCOUNT: z.string().regex(/^\d{12}$/, 'expected a 12-digit AWS account id'),
  HOME_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'expected an AWS region such as eu-west-1'),
});
export type ActEnvironment = z.output<typeof ActEnvironmentSchema>;
export type ActFunctionEnvironment = Omit<z.input<typeof ActEnvironmentSchema>, 'POWERTOOLS_SERVICE_NAME'>;

let parsedAct: ActEnvironment | undefined;

/** The act function's environment, parsed once per execution environment. */
export function actEnvironment(): ActEnvironment {
  parsedAct ??= ActEnvironmentSchema.parse(process.env);
  return parsedAct;
}
