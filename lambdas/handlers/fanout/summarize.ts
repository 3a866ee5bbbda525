import middy from '@middy/core';
import { S3ReportStore } from '../../aws/report-store';
import { mapWithConcurrency } from '../../core/concurrency';
import { fanoutKeys, MANIFEST_KEY, TargetPlanSchema } from '../../core/fanout/keys';
import {
  type ChildOutcome,
  ManifestSchema,
  outcomesFromExport,
  resultFileKeys,
} from '../../core/fanout/outcomes';
import type { TargetPlan } from '../../core/fanout/plan';
import { renderSummaryMarkdown, summaryNotification } from '../../core/fanout/render';
import { buildSummary, childRunId } from '../../core/fanout/summary';
import { InvalidInputError } from '../errors';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import type { SummarizeEvent, SummaryOutcome } from './contract';
import { FanoutEnvironment } from './env';

let store: S3ReportStore | undefined;

/** Result files read at once. */
const READS_IN_FLIGHT = 8;

/** The plan the list step wrote for this run (by this run's own key); without it there is no summary. */
export class PlanUnreadableError extends Error {
  override readonly name = 'PlanUnreadableError';
}

/** Where the plan first differs from what the list step writes (zod/mini carries no messages). */
function problemOf(issue: { path: readonly PropertyKey[]; code: string } | undefined): string {
  if (issue === undefined) return 'missing';
  return `${issue.path.map(String).join('.') || '(plan)'} is not as the list step writes it (${issue.code})`;
}

async function readPlan(reports: S3ReportStore, runId: string): Promise<TargetPlan> {
  const key = fanoutKeys.plan(runId);
  const parsed = TargetPlanSchema.safeParse(await reports.getJson<unknown>(key));
  if (!parsed.success) {
    throw new PlanUnreadableError(
      `The fan-out plan s3://${reports.bucket}/${key} is missing or malformed: ${problemOf(parsed.error.issues[0])}`,
    );
  }
  return parsed.data;
}

/**
 * The children's outcomes from the ResultWriter's export, when the map says where it is: only a
 * manifest in this bucket under the fan-out's prefix, and only the files it names beside itself.
 * Anything else reads as no outcome, so its targets are ERRORs.
 */
async function readOutcomes(
  reports: S3ReportStore,
  event: SummarizeEvent,
  count: number,
): Promise<{ outcomes: Map<number, ChildOutcome>; exportProblem?: string }> {
  const details = event.results?.ResultWriterDetails;
  if (details === undefined) return { outcomes: new Map() };
  const { Bucket, Key } = details;
  if (Bucket !== reports.bucket || Key === undefined || !MANIFEST_KEY.test(Key)) {
    return {
      outcomes: new Map(),
      exportProblem: `the map's results are not where this stack exports them (s3://${Bucket}/${Key})`,
    };
  }
  const manifest = ManifestSchema.safeParse(await reports.getJson<unknown>(Key));
  if (!manifest.success) {
    return { outcomes: new Map(), exportProblem: `the map's manifest s3://${Bucket}/${Key} is unreadable` };
  }
  const files = await mapWithConcurrency(resultFileKeys(Key, manifest.data), READS_IN_FLIGHT, (file) =>
    reports.getJson<unknown>(file),
  );
  const records = files.flatMap((file) => (Array.isArray(file) ? file : []));
  return { outcomes: outcomesFromExport(records, count, (index) => childRunId(event.runId, index)) };
}

/**
 * Last step of the scheduled posture audit: one verdict and the counts per account and region,
 * stored as JSON and Markdown, and whether it is worth a message.
 */
export async function run(event: SummarizeEvent): Promise<SummaryOutcome> {
  store ??= new S3ReportStore(FanoutEnvironment.read().REPORT_BUCKET);
  const now = new Date(event.now);
  if (Number.isNaN(now.getTime())) throw new InvalidInputError(`"now" is not an ISO date: ${event.now}`);
  const plan = await readPlan(store, event.runId);
  const { outcomes, exportProblem } = await readOutcomes(store, event, plan.targets.length);
  // `{}` until the Map's Catch writes its error there.
  const mapFailed = event.fanoutError?.Error !== undefined || event.fanoutError?.Cause !== undefined;
  const fanoutError = mapFailed
    ? event.fanoutError
    : exportProblem === undefined
      ? undefined
      : { Error: 'ResultsUnreadable', Cause: exportProblem };
  const summary = buildSummary({
    runId: event.runId,
    now,
    plan,
    outcomes,
    ...(fanoutError === undefined ? {} : { fanoutError }),
  });
  const json = await store.putJson(fanoutKeys.summaryJson(event.runId), summary);
  const markdown = await store.putText(
    fanoutKeys.summaryMarkdown(event.runId),
    renderSummaryMarkdown(summary),
    'text/markdown',
  );
  logger.info('organization summary', {
    runId: event.runId,
    verdict: summary.verdict,
    targets: summary.targets,
    news: summary.news,
  });
  return {
    runId: event.runId,
    verdict: summary.verdict,
    targets: summary.targets,
    findings: summary.findings,
    summaryLocation: { json, markdown },
    notify: summary.news,
    notification: summaryNotification(summary),
  };
}

export const handler = middy(run).use(baseMiddleware({ environment: FanoutEnvironment }));
