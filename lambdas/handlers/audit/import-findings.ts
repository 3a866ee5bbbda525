import middy from '@middy/core';
import * as z from 'zod/mini';
import { reportKeys, S3ReportStore } from '../../aws/report-store';
import {
  type ImportContext,
  nextMemory,
  planImport,
  readMemory,
  scopePrefix,
} from '../../aws/security-hub/asff';
import { type FailedImport, SecurityHubImporter } from '../../aws/security-hub/import';
import type { AuditReport } from '../../core/report/model';
import { storedReportProblem, storedReportTargetProblem } from '../../core/report/stored-report';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import { ImportFindingsEnvironment } from './env';

/*
 * After the report, before the notification: the run's findings go to Security Hub (see
 * docs/security-hub.md). What was sent and is still open is remembered per service, environment and
 * account under `security-hub/`, so a finding that recovers is updated, not duplicated. A failure
 * here never changes the verdict: the machine counts it (Preflight/FindingsImportFailed) and goes on.
 */

/** zod/mini carries no messages of its own: each one is written here. */
const RUN_ID = 'expected a run id (letters, digits, _ . : @ / -, without "..")';
const STATUSES = ['PASS', 'WARN', 'FAIL', 'ERROR', 'MUTED', 'SKIPPED'] as const;
const ImportFindingsEventSchema = z.strictObject(
  {
    runId: z.string({ error: RUN_ID }).check(
      z.regex(/^[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,255}$/, RUN_ID),
      z.refine((id) => !id.includes('..'), RUN_ID),
    ),
    /** What the report step returned: the report read back from the bucket must agree with it. */
    outcome: z.object(
      {
        verdict: z.enum(['PASS', 'FAIL', 'ERROR']),
        counts: z.record(z.enum(STATUSES), z.number()),
        blockingItems: z.array(z.string()),
      },
      { error: 'expected the report step’s outcome {verdict, counts, blockingItems}' },
    ),
    /** Whose run it is, as the input step resolved it. */
    target: z.object(
      { service: z.string(), environment: z.string(), account: z.optional(z.string()) },
      { error: 'expected the run’s target {service, environment, account?}' },
    ),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.join(', ')}; expected runId, outcome, target`
        : 'expected {"runId": "...", "outcome": {...}, "target": {...}}',
  },
);

const PRODUCT_ARN = /^arn:[a-z-]+:securityhub:[a-z0-9-]+:\d{12}:product\/\d{12}\/default$/;

export interface ImportFindingsResult {
  readonly imported: number;
  /** Findings Security Hub did not take: the machine counts the run as failed when there is one. */
  readonly failed: number;
  /** The first ten failures, for the execution history. */
  readonly failures: readonly FailedImport[];
  /** Findings closed this run (recovered, or gone while their check ran cleanly). */
  readonly closed: number;
}

/** The memory of what was sent for one service, environment and account. */
export const securityHubMemoryKey = (service: string, environment: string, account: string) =>
  `security-hub/${service}/${environment}/${account}.json`;

/** The report in the bucket is not the one the run built: nothing is imported from it. */
export class StoredReportError extends Error {
  override readonly name = 'StoredReportError';
}

let store: S3ReportStore | undefined;
let importer: SecurityHubImporter | undefined;

export async function run(event: unknown): Promise<ImportFindingsResult> {
  const parsed = ImportFindingsEventSchema.safeParse(event);
  if (!parsed.success) {
    throw new InvalidInputError(
      `Invalid findings import input: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}`,
    );
  }
  const env = ImportFindingsEnvironment.read();
  if (!PRODUCT_ARN.test(env.PRODUCT_ARN)) {
    throw new Error(
      `PRODUCT_ARN ${env.PRODUCT_ARN} is not a default product ARN (…:product/<account>/default)`,
    );
  }
  store ??= new S3ReportStore(env.REPORT_BUCKET);
  importer ??= new SecurityHubImporter();
  const { runId } = parsed.data;
  const [, partition = 'aws', , region = '', account = ''] = env.PRODUCT_ARN.split(':');
  const reportKey = reportKeys.reportJson(runId);
  const stored = await store.getJson<unknown>(reportKey);
  if (stored === undefined) throw new Error(`No report to import at s3://${store.bucket}/${reportKey}`);
  // Closing a finding believes the report: only a report that agrees with the run's own outcome and target.
  const problem =
    storedReportProblem(stored, parsed.data.outcome) ??
    storedReportTargetProblem(stored as AuditReport, parsed.data.target);
  if (problem !== undefined) {
    throw new StoredReportError(
      `s3://${store.bucket}/${reportKey} is not this run's report (${problem}): nothing imported or closed`,
    );
  }
  const report = stored as AuditReport;
  const context: ImportContext = {
    productArn: env.PRODUCT_ARN,
    account,
    region,
    partition,
    runId,
    reportLocation: `s3://${store.bucket}/${reportKey}`,
    ...(env.DOCS_URL === '' ? {} : { docsUrl: env.DOCS_URL }),
  };
  const { service, environment } = report.target;
  const audited = report.target.account ?? account;
  const memoryKey = securityHubMemoryKey(service, environment, audited);
  const { memory, rejected } = readMemory(await store.getJson<unknown>(memoryKey), {
    prefix: scopePrefix(service, environment, audited),
    productArn: env.PRODUCT_ARN,
    account,
  });
  if (rejected.length > 0) logger.warn('security hub memory entries ignored', { memoryKey, rejected });
  const plan = planImport(report, memory, context);
  const result = await importer.import(plan.findings);
  const failedIds = new Set(result.failed.map((f) => f.id));
  await store.putJson(memoryKey, nextMemory(memory, plan, failedIds));
  const closed = [...plan.closing].filter((id) => !failedIds.has(id)).length;
  logger.info('findings imported', {
    runId,
    imported: result.imported,
    failed: result.failed.length,
    closed,
  });
  return {
    imported: result.imported,
    failed: result.failed.length,
    failures: result.failed.slice(0, 10),
    closed,
  };
}

export const handler = middy(run).use(baseMiddleware({ environment: ImportFindingsEnvironment }));
