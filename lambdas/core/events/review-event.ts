import { percent, type QuarterlyReview } from '../review/review';
import { DETAIL_VERSION, EVENT_SOURCE, REVIEW_DETAIL_TYPE } from './model';

export { REVIEW_DETAIL_TYPE };

/*
 * The quarterly review's event: one per review, put by the review function itself (it runs outside
 * the state machines). Its detail is about the quarter, not one service, so it has its own shape
 * (docs/events.md); only the review function's role may put this detail type.
 */

export interface ReviewEventDetail {
  readonly version: typeof DETAIL_VERSION;
  readonly quarter: string;
  readonly from: string;
  readonly to: string;
  /** Where Preflight runs (the function's account and region); `null` when not known. */
  readonly account: string | null;
  readonly region: string | null;
  readonly deployments: number;
  readonly changeFailureRate: number | null;
  readonly successRate: number | null;
  readonly medianTimeToRestoreMinutes: number | null;
  /** Services (in environments) the quarter's deployments went to. */
  readonly services: number;
  readonly recommendations: readonly string[];
  readonly summary: string;
  /** The stored review: `review` (JSON), `reviewMarkdown`, `reviewHtml` (S3 URIs). */
  readonly links: Readonly<Record<string, string>>;
}

export interface ReviewEventEntry {
  readonly Source: typeof EVENT_SOURCE;
  readonly DetailType: typeof REVIEW_DETAIL_TYPE;
  readonly Detail: string;
}

export function reviewEvent(
  review: QuarterlyReview,
  where: { readonly account?: string; readonly region?: string },
  location: { readonly json: string; readonly markdown: string; readonly html: string },
): ReviewEventEntry {
  const detail: ReviewEventDetail = {
    version: DETAIL_VERSION,
    quarter: review.quarter,
    from: review.from,
    to: review.to,
    account: where.account ?? null,
    region: where.region ?? null,
    deployments: review.overall.deployments,
    changeFailureRate: review.overall.changeFailureRate,
    successRate: review.overall.successRate,
    medianTimeToRestoreMinutes: review.overall.medianTimeToRestoreMinutes,
    services: review.byService.length,
    recommendations: review.recommendations,
    summary: `Preflight checklist review ${review.quarter}: ${review.overall.deployments} deployments, change failure rate ${percent(review.overall.changeFailureRate)}, ${review.recommendations.length} recommendation(s)`,
    links: { review: location.json, reviewMarkdown: location.markdown, reviewHtml: location.html },
  };
  return { Source: EVENT_SOURCE, DetailType: REVIEW_DETAIL_TYPE, Detail: JSON.stringify(detail) };
}
