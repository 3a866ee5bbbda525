import { type ControlSettings, ControlSettingsSchema } from '../../core/control/settings-schema';
import { functionEnvironment, variable } from '../environment';

/** The control function: the bucket of its records, the watch machine, who may act. */
export const ControlEnvironment = functionEnvironment('control endpoint', {
  REPORT_BUCKET: variable.name(),
  WATCH_STATE_MACHINE_ARN: variable.arn(),
  /** {@link ControlSettings} as JSON, from the configuration at synth time. */
  CONTROL_SETTINGS: variable.json(),
});

let settings: { raw: string; value: ControlSettings } | undefined;

/** Who may act ({@link ControlSettings}), parsed once per distinct value of CONTROL_SETTINGS. */
export function controlSettings(): ControlSettings {
  const raw = ControlEnvironment.read().CONTROL_SETTINGS;
  if (settings?.raw !== raw) settings = { raw, value: ControlSettingsSchema.parse(JSON.parse(raw)) };
  return settings.value;
}
