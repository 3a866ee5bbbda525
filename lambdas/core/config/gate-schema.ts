import { isCalendarDay } from '../calendar-day';
import { roleSlug } from '../gate/signoff-role';
import { ownEntry } from '../own';
import * as z from '../zod';
import { boundedInteger, wholeNumber } from './bounds';
import { eachOnce } from './listed-once';
import { PrincipalPatternSchema } from './principal-pattern';

/*
 * Settings of the pre-deployment gate (`gate` in the configuration): what a pipeline must attest,
 * who must sign off, when deployments may happen, and the optional pre-deployment backup.
 */

const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
const CLOCK = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a 24-hour time such as 09:00'));
// `2026-02-30` matches a date's pattern but is no day: it would black out nothing.
const DATE = z.string().check(z.refine(isCalendarDay, 'expected a calendar date such as 2026-12-24'));

export const DeploymentWindowSchema = z
  .strictObject({
    /** Days deployments may start. */
    days: z._default(z.array(z.enum(DAYS)).check(z.minLength(1), eachOnce('day')), [
      'MON',
      'TUE',
      'WED',
      'THU',
    ]),
    /** Local time the window opens. */
    start: z._default(CLOCK, '09:00'),
    /** Local time the window closes (exclusive). */
    end: z._default(CLOCK, '16:00'),
    /** Dates (local) when nothing deploys, e.g. a change freeze. */
    blackoutDates: z._default(z.array(DATE).check(eachOnce('date')), []),
    /**
     * IAM principal patterns that may override the window (`preflight gate --override-window`),
     * checked by the control endpoint against the signed caller. @default none: nobody may
     */
    overrideBy: z._default(z.array(PrincipalPatternSchema).check(eachOnce('principal pattern')), []),
  })
  .check(
    z.refine((w) => w.start < w.end, { message: 'expected start to be earlier than end', path: ['end'] }),
  );

const BackupTarget = z.strictObject({
  /** ARN of the database (RDS instance, Aurora cluster, DynamoDB table). */
  resourceArn: z
    .string()
    .check(z.regex(/^arn:aws[a-z-]*:(rds|dynamodb):/, 'expected an RDS or DynamoDB ARN')),
  backupVaultName: z._default(z.string().check(z.minLength(1)), 'Default'),
  /** Role AWS Backup assumes for the job. */
  iamRoleArn: z.string().check(z.regex(/^arn:aws[a-z-]*:iam::\d{12}:role\//, 'expected an IAM role ARN')),
});

/** Who must approve a release, who may answer for each role, and how long the gate waits. */
export const SignoffsSchema = z
  .strictObject({
    roles: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(200))), []),
    /**
     * Role → IAM principal patterns that may answer for it through the control endpoint; every
     * role needs at least one. @default none
     */
    approvers: z._default(
      z.record(z.string(), z.array(PrincipalPatternSchema).check(eachOnce('principal pattern'))),
      {},
    ),
    timeoutMinutes: z._default(z.number().check(z.int(), z.gte(1), z.lte(10_080)), 240),
  })
  .check(
    z.superRefine((signoffs, ctx) => {
      const bySlug = new Map<string, string>();
      signoffs.roles.forEach((role, index) => {
        const slug = roleSlug(role);
        const other = bySlug.get(slug);
        if (slug === '') {
          ctx.addIssue({
            code: 'custom',
            path: ['roles', index],
            input: role,
            message: 'expected a role with letters or digits, such as "Security Engineer"',
          });
        } else if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['roles', index],
            input: role,
            message: `expected roles with distinct names: "${other}" and "${role}" would share the sign-off records "${slug}"`,
          });
        }
        bySlug.set(slug, role);
        // Own entries only: `approvers["constructor"]` is otherwise a function, of length 1.
        if ((ownEntry(signoffs.approvers, role) ?? []).length === 0) {
          ctx.addIssue({
            code: 'custom',
            path: ['approvers', role],
            input: ownEntry(signoffs.approvers, role),
            message: `expected at least one IAM principal pattern that may sign off for "${role}" (without one, nobody could)`,
          });
        }
      });
      for (const role of Object.keys(signoffs.approvers).filter((r) => !signoffs.roles.includes(r))) {
        ctx.addIssue({
          code: 'custom',
          path: ['approvers', role],
          input: role,
          message: `expected a role listed in gate.signoffs.roles (${signoffs.roles.join(', ') || 'none'})`,
        });
      }
    }),
  );

export const GateSettingsSchema = z.strictObject({
  /** A WARN blocks the gate like a FAIL. */
  warnBlocks: z._default(z.boolean(), false),
  /** Checks run at once, in the state machine and the CLI. */
  concurrency: z._default(boundedInteger('a number of checks at once', 1, 20), 4),
  /**
   * Attestation keys (see `preflight checklist`) a gate run must carry with an evidence link;
   * a missing one fails its item. Scheduled audits do not ask for attestations.
   */
  requiredAttestations: z._default(z.array(z.string().check(z.minLength(1))).check(eachOnce('attestation')), [
    'tests-passing',
    'build-completed',
    'migrations-tested',
    'api-compatibility',
  ]),
  /** Roles that must approve before a gate passes (each waits for `preflight approve`). @default none */
  signoffs: z.prefault(SignoffsSchema, {}),
  /**
   * Whether findings judged once per account (IAM access keys and other account baselines) block a
   * service's gate (`block`) or are only reported beside it (`report`); a service may say otherwise.
   */
  accountFindings: z._default(z.enum(['block', 'report']), 'block'),
  /** When deployments may start. @default - no window: any time */
  window: z.optional(DeploymentWindowSchema),
  /** Back up these databases with AWS Backup and wait for the jobs before passing. @default - none */
  preDeploymentBackup: z.prefault(
    z.strictObject({
      // A database listed twice would be backed up twice before every release, and waited for twice.
      targets: z._default(
        z.array(BackupTarget).check(eachOnce('database', (target) => target.resourceArn)),
        [],
      ),
      /** Longest wait for the jobs. */
      timeoutMinutes: z._default(wholeNumber('minutes', 5, 1440), 120),
    }),
    {},
  ),
});

export type GateSettings = z.output<typeof GateSettingsSchema>;
export type DeploymentWindow = z.output<typeof DeploymentWindowSchema>;
export type SignoffSettings = z.output<typeof SignoffsSchema>;
