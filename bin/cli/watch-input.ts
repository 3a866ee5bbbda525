import { loadConfigFile } from '../../lambdas/core/config/load';
import { DeploymentIdSchema } from '../../lambdas/core/identifiers';
import type { WatchInput } from '../../lambdas/handlers/watch/contract';
import {
  checkWatchInput,
  checkWatchTarget,
  type WatchInputProblem,
} from '../../lambdas/handlers/watch/settings';
import { CONFIG_FILE_NAME, displayPath, findConfigFile } from './config-file';
import { sentence, UsageError } from './usage-error';

/*
 * `preflight watch start` checks its input with the state machine's own rules before it calls AWS: a
 * bad flag exits 2 naming the flag, and never starts (and so never burns) the execution named by the
 * deployment id.
 */

/** The flag each input field comes from. */
const FLAG_OF: Readonly<Record<string, string>> = {
  deploymentId: '--deployment-id',
  service: '--service',
  environment: '--env',
  minutes: '--minutes',
  commitTime: '--commit-time',
  deploymentStartedAt: '--deployment-started-at',
};

export interface WatchStartFlags {
  readonly deploymentId: string;
  readonly service: string;
  readonly env: string;
  readonly minutes?: number;
  readonly commitTime?: string;
  /** When the deployment began rolling out: the baseline ends there. */
  readonly deploymentStartedAt?: string;
  /** The configuration file the stack was deployed with. */
  readonly config?: string;
}

function usage(problems: readonly WatchInputProblem[], where: string): never {
  const text = problems.map((p) => {
    if (p.field === null) return p.message;
    const flag = FLAG_OF[p.field.split('.')[0] ?? ''];
    return flag === undefined ? `${where} ${p.field}: ${p.message}` : `${flag}: ${p.message}`;
  });
  throw new UsageError(sentence(text.join('; ')));
}

/**
 * The watch input for the flags, checked as the state machine checks it: the input schema, then (with
 * the configuration file: `--config`, else the nearest `preflight.config.json`) the service and
 * environment against the configuration's `services` and `environments`, and the same settings checks
 * on that service's watch, unmapped metrics and the CodeDeploy deployment-id rule included.
 * @throws UsageError naming each bad flag; ConfigError for an unreadable configuration file.
 */
export function watchInputFor(flags: WatchStartFlags): WatchInput {
  const nowMs = Date.now();
  const checked = checkWatchInput(
    {
      deploymentId: flags.deploymentId,
      service: flags.service,
      environment: flags.env,
      ...(flags.minutes === undefined ? {} : { minutes: flags.minutes }),
      ...(flags.commitTime === undefined ? {} : { commitTime: flags.commitTime }),
      ...(flags.deploymentStartedAt === undefined ? {} : { deploymentStartedAt: flags.deploymentStartedAt }),
    },
    nowMs,
  );
  if ('problems' in checked) usage(checked.problems, 'input');
  const found = flags.config === undefined ? findConfigFile() : undefined;
  const path = flags.config ?? (found === undefined ? undefined : displayPath(found));
  if (path === undefined) {
    process.stderr.write(
      `no ${CONFIG_FILE_NAME} found (or --config): the watch checks its configuration when it starts\n`,
    );
    return checked.input;
  }
  const target = checkWatchTarget(loadConfigFile(path), checked.input, nowMs);
  if ('problems' in target) usage(target.problems, `${path}: watch`);
  return checked.input;
}

/** A deployment id as `--deployment-id` must give it, checked before any AWS call. */
export function checkedDeploymentId(value: string): string {
  const parsed = DeploymentIdSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--deployment-id: ${parsed.error.issues[0]?.message}.`);
  return parsed.data;
}
