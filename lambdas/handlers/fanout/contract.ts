import type { FindingStatus } from '../../core/findings';
import type { Verdict } from '../../core/report/model';

/**
 * Input of the list step: the fan-out's slice of the configuration (`FanoutSettings`, written into
 * the state machine at synth time) and the fan-out's run id (its execution name).
 */
export interface ListTargetsEvent {
  readonly settings: unknown;
  readonly runId: string;
}

/** What the Distributed Map reads its items from, and how many there are. */
export interface ListTargetsOutput {
  readonly items: { readonly bucket: string; readonly key: string };
  readonly count: number;
  /** OUs whose accounts could not be listed (each an ERROR in the summary). */
  readonly listingProblems: number;
}

/** Input of the summary step. */
export interface SummarizeEvent {
  readonly runId: string;
  /** ISO time of the fan-out's start. */
  readonly now: string;
  /** The Distributed Map's output when it finished: where the ResultWriter exported the children. */
  readonly results?: { readonly ResultWriterDetails?: { readonly Bucket?: string; readonly Key?: string } };
  /** The Distributed Map's error when it failed (more children failed than tolerated); `{}` when not. */
  readonly fanoutError?: { readonly Error?: string; readonly Cause?: string };
}

/** What the fan-out machine returns, and what its notify state needs. The summary itself is in S3. */
export interface SummaryOutcome {
  readonly runId: string;
  readonly verdict: Verdict;
  readonly targets: { readonly total: number } & Readonly<Record<Verdict, number>>;
  readonly findings: Readonly<Record<FindingStatus, number>>;
  readonly summaryLocation: { readonly json: string; readonly markdown: string };
  readonly notify: boolean;
  readonly notification: { readonly subject: string; readonly email: string; readonly sms: string };
}
