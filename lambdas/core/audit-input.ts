import { resolveChecklist } from './checklist/resolve';
import { selectChecks } from './checks/select';
import { type CheckTask, planCheckTasks } from './checks/tasks';
import { AccountIdSchema, RegionSchema } from './config/place-schema';
import type { CheckId, PreflightConfig } from './config/schema';
import { CHECK_IDS } from './config/validate';
import { attestationKeys } from './gate/attestations';
import { DeploymentIdSchema, EnvironmentNameSchema, ServiceNameSchema } from './identifiers';
import { firstNonPlainCharacter, quoteAsGiven } from './plain-text';
import { type Release, ReleaseSchema, releasePlacementProblems } from './release';
import { sentAt } from './sent-value';
import { type AuditTargetRequest, resolveAuditTarget } from './services/audit-target';
import { TargetError } from './services/resolve';
import { type CheckTarget, checkTargetOf, type ServiceTarget } from './services/target';
import { didYouMean } from './suggest';
import { commitTimeProblem } from './watch/commit-time';
import * as z from './zod';

/*
 * The audit state machine's input and the one function that accepts it. The machine's first state
 * and `preflight gate` both call `acceptAuditInput`, so the CLI refuses exactly what the machine would
 * refuse, before an execution (and its name) is spent on it.
 */

/** The longest evidence link accepted: what browsers and CI systems keep in a link. */
export const MAX_EVIDENCE_LINK = 2048;

/**
 * An attestation's evidence link, judged as sent (URL parsing would silently drop a newline and keep
 * an escape sequence or a bidi override): the report, the e-mail and the history echo it, so it must
 * be plain text, and a pipeline cannot rewrite a terminal or reorder what approvers read there.
 */
const EvidenceLinkSchema = z.pipe(
  z.string({ error: 'expected an http(s) evidence link' }).check(
    z.maxLength(
      MAX_EVIDENCE_LINK,
      `expected an http(s) evidence link of at most ${MAX_EVIDENCE_LINK} characters`,
    ),
    z.superRefine((link, ctx) => {
      const code = firstNonPlainCharacter(link);
      if (code === undefined) return;
      ctx.addIssue({
        code: 'custom',
        input: link,
        message: `expected an http(s) evidence link as plain text, without a control or format character (${code})`,
      });
    }),
  ),
  z.url({ protocol: /^https?$/, error: 'expected an http(s) evidence link' }),
);

/** Input of the audit state machine, as pipelines and the schedule send it. */
export const AuditInputSchema = z.strictObject({
  /** `gate` before a deployment (attestations, window, sign-offs, backup), `scheduled` for the posture audit. */
  mode: z._default(z.enum(['gate', 'scheduled'], { error: 'expected one of "gate", "scheduled"' }), 'gate'),
  /** The service being deployed. */
  service: z.optional(ServiceNameSchema),
  environment: z.optional(EnvironmentNameSchema),
  /** Scheduled runs only: one region of the environment (a fan-out starts one run per region). */
  region: z.optional(RegionSchema),
  /**
   * Scheduled runs only: one account of the configured organization (instead of a service or
   * environment), reached through its member-account role; the fan-out names one per account.
   */
  account: z.optional(AccountIdSchema),
  deploymentId: z.optional(DeploymentIdSchema),
  /** When the change being deployed was committed (ISO 8601), for lead time. */
  commitTime: z.optional(
    z.iso.datetime({ offset: true, error: 'expected an ISO 8601 time such as 2026-11-26T09:12:00Z' }),
  ),
  /** Check ids to run: scheduled runs only, a gate judges every enabled check. @default every enabled check */
  checks: z.optional(
    z
      .array(
        z.string({ error: 'expected a check id' }).check(z.trim(), z.minLength(1, 'expected a check id')),
        {
          error: 'expected an array of check ids',
        },
      )
      .check(z.minLength(1, 'expected at least one check id')),
  ),
  /** Pipeline attestations: checklist attestation key → evidence link. */
  attestations: z._default(z.record(z.string(), EvidenceLinkSchema), {}),
  /**
   * Gate runs only: what is being deployed. Each image a full ECR reference pinned by digest, in the
   * environment's account and regions; the image checks judge exactly these.
   */
  release: z.optional(ReleaseSchema),
  /**
   * Refused: a window override is recorded by an authorized caller through the control endpoint,
   * never taken from the input (which anyone who may start the gate writes).
   */
  windowOverride: z.optional(
    z.never({
      error:
        'not accepted in the input: an override is recorded, with who asked, by `preflight gate --override-window REASON` (the control endpoint, gate.window.overrideBy)',
    }),
  ),
});
export type AuditInput = z.output<typeof AuditInputSchema>;

/** Whose run it is, as resolved from the configuration: what the report and history carry. */
export interface AuditTargetSummary {
  readonly service: string;
  readonly environment: string;
  readonly account?: string;
  /** The regions this run covers (one, for a scheduled run of one region); empty: Preflight's own. */
  readonly regions: readonly string[];
  /** True when no services are configured (or a scheduled run names none): the whole account. */
  readonly implicit: boolean;
}

/** The accepted input, as the first state hands it to the rest of the run. */
export interface ValidatedAudit {
  readonly runId: string;
  readonly mode: 'gate' | 'scheduled';
  readonly service: string;
  readonly environment: string;
  readonly deploymentId: string;
  readonly commitAt?: string;
  readonly checkIds: readonly string[];
  /** What the caller asked for; every later state resolves the target from it and the configuration. */
  readonly targetRequest: AuditTargetRequest;
  readonly target: AuditTargetSummary;
  /** What every check task judges: the target resolved here, sliced for the check functions. */
  readonly checkTarget: CheckTarget;
  /** Every check in every region of the run (account-wide checks once): the items of the checks' Map. */
  readonly tasks: readonly CheckTask[];
  /** What the report says was audited. */
  readonly label: string;
  /** Scope of the remembered posture, for alerting on changes only. */
  readonly scope: string;
  readonly attestations: Readonly<Record<string, string>>;
  /** The release being deployed (gate runs only); also in `checkTarget`, for the image checks. */
  readonly release?: Release;
  /** Pre-deployment backups to take (gate mode only). */
  readonly backupTargets: ReadonlyArray<{ resourceArn: string; backupVaultName: string; iamRoleArn: string }>;
}

/** The input is not one the audit machine runs: every problem, each naming its field. */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid audit input: ${problems.join('; ')}`);
  }
}

/**
 * The target of a run of the audit machine: a scheduled run naming no service judges the whole
 * account Preflight runs in, as before services existed; a gate names its service once services are
 * configured. Every state resolves it the same way, from the input and the embedded configuration.
 * @throws TargetError
 */
export function auditTarget(
  config: PreflightConfig,
  mode: 'gate' | 'scheduled',
  request: AuditTargetRequest,
): ServiceTarget {
  return resolveAuditTarget(config, request, { wholeAccountAllowed: mode === 'scheduled' });
}

const INPUT_FIELDS = Object.keys(AuditInputSchema.shape).join(', ');

/**
 * One schema issue as problems that say where, what was sent (as sent) and what is expected; zod's
 * own wording (`Invalid input: expected string, received number`) reads `expected string`.
 */
function inputProblems(raw: unknown, issue: z.core.$ZodIssue): string[] {
  const at = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) =>
      at === '' ? `${key}: unknown field; expected one of ${INPUT_FIELDS}` : `${at}.${key}: unknown field`,
    );
  }
  const expected =
    issue.path.length === 0 && issue.code === 'invalid_type'
      ? 'expected a JSON object, the audit input'
      : issue.code === 'invalid_type' && issue.message.startsWith('Invalid input: expected')
        ? `expected ${issue.expected}`
        : issue.message;
  // A message that already quotes the value ("<image> is given twice; ...") is kept as it is.
  if (!expected.startsWith('expected')) return [`${at || '(input)'}: ${expected}`];
  const sent = issue.path.length === 0 ? raw : sentAt(raw, issue.path, issue.input);
  return [`${at || '(input)'}: got ${quoteAsGiven(sent)}; ${expected}`];
}

/**
 * JSON.parse keeps `"__proto__"` as a key of its own, but the attestations are copied into a new
 * object, where that key sets the prototype instead: the attestation would vanish without a word.
 */
function reservedAttestationKey(raw: unknown): string[] {
  const attestations =
    typeof raw === 'object' && raw !== null ? (raw as { attestations?: unknown }).attestations : undefined;
  return typeof attestations === 'object' && attestations !== null && Object.hasOwn(attestations, '__proto__')
    ? [
        'attestations.__proto__: expected an attestation key other than __proto__ (JavaScript reserves it: the attestation would be dropped)',
      ]
    : [];
}

/** A subset of checks only narrows what a scheduled run looks at; a gate that skipped a check proves nothing. */
const GATE_SUBSET =
  'checks: a gate judges every enabled check; a subset is for scheduled runs and `preflight audit`';

function checkProblems(mode: AuditInput['mode'], checks: readonly string[], runnable: readonly string[]) {
  const problems: string[] = [];
  if (mode === 'gate') problems.push(GATE_SUBSET);
  for (const id of checks) {
    if (!(CHECK_IDS as readonly string[]).includes(id)) {
      problems.push(
        `checks: unknown ${id}; expected ids from ${CHECK_IDS.join(', ')}${didYouMean(id, CHECK_IDS)}`,
      );
    } else if (!runnable.includes(id)) {
      problems.push(
        `checks: ${id} does not run under this configuration (checks.${id}.enabled or checklist.disabledItems turn it off)`,
      );
    }
  }
  return problems;
}

/**
 * The key of a scheduled run's posture memory, one per service, environment, account and region.
 * Each name is labelled and set apart by "/", which no name holds: joined by "-" alone, the
 * environment "prod" in eu-west-1 and the environment "prod-eu-west-1" (or the service "orders-api"
 * in "prod" and "orders" in "api-prod") read and overwrote one memory, and one's alert was lost.
 * A run of the whole account keeps `scheduled`.
 */
function postureScope(input: AuditInput): string {
  const parts: [string, string | undefined][] =
    input.account === undefined
      ? [
          ['service', input.service],
          ['environment', input.environment],
          ['region', input.region],
        ]
      : [
          ['account', input.account],
          ['', input.region],
        ];
  return [
    input.mode,
    ...parts.flatMap(([label, name]) => (name === undefined ? [] : label === '' ? [name] : [label, name])),
  ].join('/');
}

/**
 * Validates the audit machine's input against its schema and the configuration: known check ids,
 * a subset only in scheduled runs, known attestation keys, no attestations in scheduled runs.
 * @param runId the execution name, which names the run and its stored reports.
 * @param startedAtMs when the run starts (the execution's start): a `commitTime` later than it,
 *   beyond clock skew, is refused.
 * @throws AuditInputError listing every problem.
 */
export function acceptAuditInput(
  raw: unknown,
  config: PreflightConfig,
  runId: string,
  startedAtMs: number,
): ValidatedAudit {
  const parsed = AuditInputSchema.safeParse(raw ?? {}, { reportInput: true });
  const reserved = reservedAttestationKey(raw);
  if (!parsed.success || reserved.length > 0) {
    throw new AuditInputError([
      ...reserved,
      ...(parsed.success ? [] : parsed.error.issues.flatMap((i) => inputProblems(raw, i))),
    ]);
  }
  const input = parsed.data;
  const request: AuditTargetRequest = {
    ...(input.service === undefined ? {} : { service: input.service }),
    ...(input.environment === undefined ? {} : { environment: input.environment }),
    ...(input.account === undefined ? {} : { account: input.account }),
  };
  let target: ServiceTarget;
  try {
    target = auditTarget(config, input.mode, request);
  } catch (error) {
    if (error instanceof TargetError) {
      const field = error.message.startsWith('account:') ? '' : 'service/environment: ';
      throw new AuditInputError([`${field}${error.message}`]);
    }
    throw error;
  }
  const regions = target.environment.regions;
  const known = attestationKeys(resolveChecklist(config));
  const runnable = selectChecks(config, undefined, target.checks);
  const commitProblem =
    input.commitTime === undefined ? null : commitTimeProblem(input.commitTime, startedAtMs, 'gate');
  const problems = [
    ...(commitProblem === null ? [] : [`commitTime: ${commitProblem}`]),
    ...(input.region === undefined
      ? []
      : input.mode === 'gate'
        ? ['region: a gate judges every region of its environment; region is for scheduled runs']
        : regions.includes(input.region)
          ? []
          : [
              `region: ${input.region} is not a region of environment "${target.environment.name}"; expected one of ${regions.join(', ') || '(none configured: the region Preflight runs in)'}`,
            ]),
    ...(input.checks === undefined ? [] : checkProblems(input.mode, input.checks, runnable)),
    ...Object.keys(input.attestations)
      .filter((key) => !known.includes(key))
      .map(
        (key) =>
          `attestations.${key}: unknown attestation key; expected one of ${known.join(', ')}${didYouMean(key, known)}`,
      ),
    ...(input.mode === 'scheduled' && Object.keys(input.attestations).length > 0
      ? ['attestations: a scheduled audit takes no attestations']
      : []),
    ...(input.release === undefined
      ? []
      : input.mode === 'scheduled'
        ? ['release: a scheduled audit takes no release; the gate judges the images it deploys']
        : releasePlacementProblems(input.release, target.environment)),
  ];
  if (problems.length > 0) throw new AuditInputError(problems);

  const checkIds = input.checks === undefined ? runnable : selectChecks(config, input.checks as CheckId[]);
  const runRegions = input.region === undefined ? regions : [input.region];
  const label =
    [
      input.service,
      input.environment,
      input.account === undefined ? undefined : `account ${input.account}`,
      input.region,
      input.deploymentId,
    ]
      .filter(Boolean)
      .join(' ') || (input.mode === 'scheduled' ? 'scheduled audit' : 'gate');
  return {
    runId,
    mode: input.mode,
    service: input.service ?? 'unnamed',
    environment: input.environment ?? 'default',
    deploymentId: input.deploymentId ?? runId,
    ...(input.commitTime ? { commitAt: new Date(input.commitTime).toISOString() } : {}),
    checkIds,
    targetRequest: request,
    target: {
      service: target.service,
      environment: target.environment.name,
      ...(target.environment.account === undefined ? {} : { account: target.environment.account }),
      regions: runRegions,
      implicit: target.implicit,
    },
    checkTarget: {
      ...checkTargetOf(target),
      ...(input.release === undefined ? {} : { release: input.release }),
    },
    tasks: planCheckTasks(checkIds, runRegions),
    label,
    scope: postureScope(input),
    attestations: input.attestations,
    ...(input.release === undefined ? {} : { release: input.release }),
    backupTargets: input.mode === 'gate' ? config.gate.preDeploymentBackup.targets : [],
  };
}
