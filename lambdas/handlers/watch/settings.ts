import type { z } from 'zod';
import { type WatchSettings, WatchSettingsSchema } from '../../core/config/watch-schema';
import { unmappedMetrics } from '../../core/watch/resolve';
import { InvalidInputError } from '../errors';
import { type WatchInput, WatchInputSchema } from './contract';

function reject(problems: readonly string[]): never {
  throw new InvalidInputError(`Invalid watch input: ${problems.join('; ')}`);
}

/** Each problem as `field: what is expected` (an unknown field's message names the field itself). */
export function inputProblems(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((i) =>
    i.path.length === 0 && i.code === 'unrecognized_keys'
      ? i.message
      : `${i.path.join('.') || '(input)'}: ${i.message}`,
  );
}

/** The execution's input, or InvalidInputError naming each bad field. */
export function parseWatchInput(raw: unknown): WatchInput {
  const parsed = WatchInputSchema.safeParse(raw ?? {});
  if (!parsed.success) reject(inputProblems(parsed.error.issues));
  return parsed.data;
}

/**
 * The watch settings for this run: the configured ones (the only source of triggers and of the
 * rollback action), with the input's `minutes` on top, validated by the configuration's own schema.
 * Every metric an enabled trigger uses must be mapped to CloudWatch: a watch cannot read a placeholder.
 */
export function settingsFor(config: unknown, input: WatchInput): WatchSettings {
  const configured = WatchSettingsSchema.parse(config ?? {});
  const merged = { ...configured, ...(input.minutes === undefined ? {} : { minutes: input.minutes }) };
  const parsed = WatchSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    reject(parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`));
  }
  const settings = parsed.data;
  const problems = [...unmappedMetrics(settings)].map(
    ([metric, trigger]) =>
      `metrics: metric id "${metric}" (trigger "${trigger}") has no CloudWatch definition; map it in watch.metrics of the configuration, or disable the trigger with triggers.${trigger}.enabled = false`,
  );
  if (settings.rollback.action === 'codedeploy' && !/^d-[A-Z0-9]{9}$/.test(input.deploymentId)) {
    problems.push(
      `deploymentId: the codedeploy rollback action stops the deployment named by the deployment id; expected a CodeDeploy deployment id such as d-4EXAMPLE1, got "${input.deploymentId}"`,
    );
  }
  if (problems.length > 0) reject(problems);
  return settings;
}
