import type { Command } from 'commander';
import { Executions } from '../../lambdas/aws/executions';
import { describeCaller } from '../../lambdas/aws/identity';
import { reportKeys, S3ReportStore } from '../../lambdas/aws/report-store';
import { UsageError } from './usage-error';

interface ApproveOptions {
  run: string;
  role: string;
  reject?: boolean;
  reason?: string;
  comment?: string;
  bucket?: string;
  region?: string;
}

interface SignoffRequest {
  readonly taskToken: string;
  readonly label: string;
}

/** `preflight approve`: answer a gate's sign-off request for one role. */
export function registerApprove(program: Command): void {
  program
    .command('approve')
    .description(
      "Approve (or --reject) a gate's sign-off for a role; IAM decides who may answer for which role",
    )
    .requiredOption('--run <id>', 'the gate run (its deployment id)')
    .requiredOption('--role <role>', 'the role you sign for, e.g. "Security Engineer"')
    .option('--reject', 'reject instead of approving (needs --reason)')
    .option('--reason <text>', 'why you reject')
    .option('--comment <text>', 'a note recorded with the approval')
    .option('--bucket <name>', 'the report bucket (default: $PREFLIGHT_REPORT_BUCKET)')
    .option('--region <region>', 'AWS region (default: from the environment or profile)')
    .action(async (options: ApproveOptions) => {
      if (options.reject && !options.reason) throw new UsageError('--reject needs --reason "why".');
      const bucket = options.bucket ?? process.env.PREFLIGHT_REPORT_BUCKET;
      if (!bucket) {
        throw new UsageError(
          'no report bucket: pass --bucket or set PREFLIGHT_REPORT_BUCKET (the stack output ReportBucketName).',
        );
      }
      const aws = options.region === undefined ? {} : { region: options.region };
      const key = reportKeys.signoffRequest(options.run, options.role);
      const request = await S3ReportStore.create(bucket, aws)
        .getJson<SignoffRequest>(key)
        .catch((error: Error & { kind?: string }) => {
          if (error.kind === 'access-denied') {
            throw new Error(
              `You may not answer for "${options.role}": IAM denies reading s3://${bucket}/${key}.`,
            );
          }
          throw error;
        });
      if (request === undefined) {
        throw new Error(
          `No sign-off is pending for "${options.role}" on run ${options.run} (s3://${bucket}/${key}).`,
        );
      }
      const by = await describeCaller(aws);
      const at = new Date().toISOString();
      const executions = Executions.create(aws);
      try {
        if (options.reject) {
          await executions.failTask(
            request.taskToken,
            'SignoffRejected',
            JSON.stringify({ reason: options.reason, by, at }),
          );
        } else {
          await executions.succeedTask(request.taskToken, {
            role: options.role,
            approved: true,
            by,
            at,
            ...(options.comment ? { comment: options.comment } : {}),
          });
        }
      } catch (error) {
        if (/TaskTimedOut|TaskDoesNotExist|InvalidToken/.test((error as Error).message)) {
          throw new Error(
            `The sign-off for "${options.role}" on run ${options.run} is no longer pending (answered or timed out).`,
          );
        }
        throw error;
      }
      process.stdout.write(
        `${options.reject ? 'Rejected' : 'Approved'} ${request.label} as ${options.role} (${by}, ${at}).\n`,
      );
    });
}
