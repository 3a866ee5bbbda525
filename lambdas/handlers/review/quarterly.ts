import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { DefaultEventBus } from '../../aws/event-bus';
import { DynamoHistoryStore } from '../../aws/history-store';
import { SnsNotifier } from '../../aws/notifier';
import { S3ReportStore } from '../../aws/report-store';
import { reviewEvent } from '../../core/events/review-event';
import { isQuarter, QUARTER_HINT, quarterRange } from '../../core/history/events';
import { renderReviewMarkdown, reviewSms } from '../../core/review/render';
import { renderReviewHtml } from '../../core/review/render-html';
import {
  buildQuarterlyReview,
  type HomeLocation,
  previousQuarter,
  type QuarterlyReview,
} from '../../core/review/review';
import { dayIn } from '../../core/time-zone';
import { invalidInput } from '../errors';
import { logger } from '../logger';
import { emitFailureCount } from '../metrics';
import { baseMiddleware } from '../middleware';
import { QuarterlyReviewEnvironment } from './env';

/** zod/mini carries no messages of its own: each one is written here. */
const QUARTER = QUARTER_HINT;
const ReviewEventSchema = z.strictObject(
  {
    /** The quarter to review. @default the quarter before the current one */
    quarter: z.optional(z.string({ error: QUARTER }).check(z.refine(isQuarter, QUARTER))),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.join(', ')}; expected only quarter`
        : 'expected an object such as {"quarter":"2026Q4"}, or nothing',
  },
);

export interface ReviewResult {
  readonly quarter: string;
  readonly location: { readonly json: string; readonly markdown: string; readonly html: string };
  readonly overall: QuarterlyReview['overall'];
}

/**
 * The quarterly review: history → review, stored as JSON and Markdown, emailed, with an SMS pointer.
 * `home` is the account and region the function runs in: Preflight's, shown for events that name none.
 */
export async function run(
  event: unknown,
  now: Date = new Date(),
  home: HomeLocation = {},
): Promise<ReviewResult> {
  const parsed = ReviewEventSchema.safeParse(event ?? {});
  if (!parsed.success) throw invalidInput('review input', parsed.error.issues);
  const env = QuarterlyReviewEnvironment.read();
  // The quarter before today where the schedule runs: east of UTC, its first morning is still the
  // quarter's last day in UTC.
  const quarter = parsed.data.quarter ?? previousQuarter(dayIn(now, env.TIME_ZONE));
  const { from, to } = quarterRange(quarter);
  const events = await new DynamoHistoryStore(env.HISTORY_TABLE).between(from, to);
  const review = buildQuarterlyReview(quarter, events, now, home);
  const markdown = renderReviewMarkdown(review);
  const store = new S3ReportStore(env.REPORT_BUCKET);
  const location = {
    json: await store.putJson(`reviews/${quarter}/review.json`, review),
    markdown: await store.putText(`reviews/${quarter}/review.md`, markdown, 'text/markdown'),
    html: await store.putText(
      `reviews/${quarter}/review.html`,
      renderReviewHtml(review),
      'text/html; charset=utf-8',
    ),
  };
  await new SnsNotifier(env.ALERT_TOPIC_ARN).publishPerProtocol(
    `Preflight checklist review ${quarter}`,
    `${markdown}\nWith charts (a self-contained HTML page, no scripts): ${location.html}\n`,
    reviewSms(review, location.markdown),
  );
  // Fails open, like the state machines' events: counted (Preflight/EventsFailed, Workflow=review).
  try {
    await new DefaultEventBus().put([reviewEvent(review, home, location)]);
  } catch (error) {
    logger.error('review event not put', { error: (error as Error).message });
    emitFailureCount('EventsFailed', 'review');
  }
  logger.info('quarterly review', {
    quarter,
    events: review.events,
    deployments: review.overall.deployments,
  });
  return { quarter, location, overall: review.overall };
}

/** The function's own account (from its ARN) and region: where Preflight runs. */
export function homeOf(
  context: Pick<Context, 'invokedFunctionArn'>,
  region = process.env.AWS_REGION,
): HomeLocation {
  const account = /^arn:[^:]+:lambda:[^:]*:(\d{12}):/.exec(context.invokedFunctionArn)?.[1];
  return { ...(account === undefined ? {} : { account }), ...(region === undefined ? {} : { region }) };
}

export const handler = middy((event: unknown, context: Context) =>
  run(event, new Date(), homeOf(context)),
).use(baseMiddleware({ environment: QuarterlyReviewEnvironment }));
