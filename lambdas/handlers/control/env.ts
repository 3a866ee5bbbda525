import { z } from 'zod';
import { type ControlSettings, ControlSettingsSchema } from '../../core/control/settings';
import { FunctionEnvironmentSchema } from '../env';

/** Environment of the control function: the bucket of its records, the watch machine, who may act. */
export const ControlEnvironmentSchema = FunctionEnvironmentSchema.extend({
  REPORT_BUCKET: z.string().min(3),
  WATCH_STATE_MACHINE_ARN: z.string().startsWith('arn:'),
  /** {@link ControlSettings} as JSON, from the configuration at synth time. */
  CONTROL_SETTINGS: z.string().min(2),
});
/** What the construct must set (the house construct adds the platform's own variables). */
export type ControlFunctionEnvironment = Omit<
  z.input<typeof ControlEnvironmentSchema>,
  'POWERTOOLS_SERVICE_NAME'
>;

export interface ControlEnvironment {
  readonly reportBucket: string;
  readonly watchStateMachineArn: string;
  readonly settings: ControlSettings;
}

let parsed: { raw: string; env: ControlEnvironment } | undefined;

/** The environment, parsed once per distinct value; a missing or malformed variable fails loudly. */
export function controlEnvironment(): ControlEnvironment {
  const raw = JSON.stringify([
    process.env.REPORT_BUCKET,
    process.env.WATCH_STATE_MACHINE_ARN,
    process.env.CONTROL_SETTINGS,
  ]);
  if (parsed?.raw !== raw) {
    const env = ControlEnvironmentSchema.parse(process.env);
    parsed = {
      raw,
      env: {
        reportBucket: env.REPORT_BUCKET,
        watchStateMachineArn: env.WATCH_STATE_MACHINE_ARN,
        settings: ControlSettingsSchema.parse(JSON.parse(env.CONTROL_SETTINGS)),
      },
    };
  }
  return parsed.env;
}
