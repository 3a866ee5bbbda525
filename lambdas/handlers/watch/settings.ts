import { type WatchSettings, WatchSettingsSchema } from '../../core/config/watch-schema';
import { resolveTarget, type TargetConfig, TargetError } from '../../core/services/resolve';
import type { ServiceTarget } from '../../core/services/target';
import { commitTimeProblem } from '../../core/watch/commit-time';
import { baselineRetentionProblem, deploymentStartProblem } from '../../core/watch/deployment-start';
import { unmappedMetrics } from '../../core/watch/resolve';
import { watchSettingsProblems } from '../../core/watch/settings-problems';
import type * as z from '../../core/zod';
import { InvalidInputError } from '../errors';
import { type WatchInput, WatchInputSchema } from './contract';

/*
 * The checks a watch's input passes before anything runs: the input schema, then the configuration's
 * own rules with the input applied. The state machine's first task and `preflight watch start` run
 * the same checks, so what the CLI sends the machine accepts.
 */

/** One problem: the input field it is about (`null` for the input as a whole), and what is expected. */
export interface WatchInputProblem {
  readonly field: string | null;
  readonly message: string;
}

function reject(problems: readonly WatchInputProblem[]): never {
  const text = problems.map((p) => (p.field === null ? p.message : `${p.field}: ${p.message}`));
  throw new InvalidInputError(`Invalid watch input: ${text.join('; ')}`);
}

function problemsOf(issues: readonly z.core.$ZodIssue[]): WatchInputProblem[] {
  // An unknown field's message names the field itself.
  return issues.map((i) => ({ field: i.path.length === 0 ? null : i.path.join('.'), message: i.message }));
}

/**
 * The input, validated by the state machine's schema, or every problem with it; a commit time after
 * `startedAtMs` (beyond clock skew) is one, and so is a deployment start after it or more than a day
 * before it.
 */
export function checkWatchInput(
  raw: unknown,
  startedAtMs: number,
): { input: WatchInput } | { problems: WatchInputProblem[] } {
  const parsed = WatchInputSchema.safeParse(raw ?? {});
  if (!parsed.success) return { problems: problemsOf(parsed.error.issues) };
  const { commitTime, deploymentStartedAt } = parsed.data;
  const problems: WatchInputProblem[] = [];
  const commit = commitTime === undefined ? null : commitTimeProblem(commitTime, startedAtMs);
  if (commit !== null) problems.push({ field: 'commitTime', message: commit });
  const deployment =
    deploymentStartedAt === undefined ? null : deploymentStartProblem(deploymentStartedAt, startedAtMs);
  if (deployment !== null) problems.push({ field: 'deploymentStartedAt', message: deployment });
  return problems.length === 0 ? { input: parsed.data } : { problems };
}

/**
 * The watch settings for this run: the configured ones (the only source of triggers and of the
 * rollback action), with the input's `minutes` on top, validated by the configuration's own schema;
 * or every problem. Every metric an enabled trigger uses must be mapped to CloudWatch (a watch cannot
 * read a placeholder), a latency threshold or floor must be in its metric's unit (`units.ts`), the
 * codedeploy action needs a CodeDeploy deployment id, a period under a minute needs high-resolution
 * metrics (`resolution.ts`), and (with `startedAtMs`, the watch's start) a
 * baseline ending at `deploymentStartedAt` must be one CloudWatch still returns at the period.
 */
export function checkWatchSettings(
  config: unknown,
  input: WatchInput,
  startedAtMs?: number,
): { settings: WatchSettings } | { problems: WatchInputProblem[] } {
  const configured = WatchSettingsSchema.parse(config ?? {});
  const merged = { ...configured, ...(input.minutes === undefined ? {} : { minutes: input.minutes }) };
  const parsed = WatchSettingsSchema.safeParse(merged);
  if (!parsed.success) return { problems: problemsOf(parsed.error.issues) };
  const settings = parsed.data;
  const problems: WatchInputProblem[] = [...unmappedMetrics(settings)].map(([metric, trigger]) => ({
    field: 'metrics',
    message: `metric id "${metric}" (trigger "${trigger}") has no CloudWatch definition; map it in watch.metrics of the configuration, or disable the trigger with triggers.${trigger}.enabled = false`,
  }));
  const retention =
    input.deploymentStartedAt === undefined || startedAtMs === undefined
      ? null
      : baselineRetentionProblem(
          input.deploymentStartedAt,
          startedAtMs,
          settings.periodSeconds,
          settings.baseline.minutes,
        );
  if (retention !== null) problems.push({ field: 'deploymentStartedAt', message: retention });
  for (const problem of watchSettingsProblems(settings)) {
    problems.push({ field: problem.key, message: problem.message });
  }
  if (settings.rollback.action === 'codedeploy' && !/^d-[A-Z0-9]{9}$/.test(input.deploymentId)) {
    problems.push({
      field: 'deploymentId',
      message: `the codedeploy rollback action stops the deployment named by the deployment id; expected a CodeDeploy deployment id such as d-4EXAMPLE1, got "${input.deploymentId}"`,
    });
  }
  return problems.length > 0 ? { problems } : { settings };
}

/** The input field a TargetError is about, by what it says. */
function targetField(message: string): string | null {
  if (/^(unknown service|no service given)/.test(message)) return 'service';
  if (/^(unknown environment|no environment given|service ".*" is not deployed to)/.test(message)) {
    return 'environment';
  }
  return null;
}

/**
 * The service's watch in the environment the input names: `resolveTarget` (an unknown service or
 * environment, or a service not deployed there, is a problem with that field), then
 * {@link checkWatchSettings} on the service's own watch settings. Without `services` in the
 * configuration, the implicit service: the top-level `watch` settings, as before services existed.
 */
export function checkWatchTarget(
  config: TargetConfig,
  input: WatchInput,
  startedAtMs?: number,
): { target: ServiceTarget; settings: WatchSettings } | { problems: WatchInputProblem[] } {
  let target: ServiceTarget;
  try {
    target = resolveTarget(config, { service: input.service, environment: input.environment });
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    return { problems: [{ field: targetField(error.message), message: error.message }] };
  }
  const checked = checkWatchSettings(target.watch, input, startedAtMs);
  return 'problems' in checked ? checked : { target, settings: checked.settings };
}

/** {@link checkWatchTarget}, or InvalidInputError naming each problem. */
export function targetFor(
  config: TargetConfig,
  input: WatchInput,
  startedAtMs?: number,
): { target: ServiceTarget; settings: WatchSettings } {
  const checked = checkWatchTarget(config, input, startedAtMs);
  if ('problems' in checked) reject(checked.problems);
  return checked;
}

/** The execution's input, or InvalidInputError naming each bad field. */
export function parseWatchInput(raw: unknown, startedAtMs: number): WatchInput {
  const checked = checkWatchInput(raw, startedAtMs);
  if ('problems' in checked) reject(checked.problems);
  return checked.input;
}

/** {@link checkWatchSettings}, or InvalidInputError naming each problem. */
export function settingsFor(config: unknown, input: WatchInput): WatchSettings {
  const checked = checkWatchSettings(config, input);
  if ('problems' in checked) reject(checked.problems);
  return checked.settings;
}
