import * as z from 'zod/mini';
import { FINDING_STATUSES, type FindingStatus } from '../findings';
import type { Verdict } from '../report/model';

/*
 * What each child of the fan-out concluded, read from the Distributed Map's ResultWriter export
 * (a manifest naming SUCCEEDED, FAILED and PENDING files, each a JSON array of executions with their
 * Input and Output as JSON text). The export is read back from S3: a record is believed only when it
 * parses, names a child index the run had, and carries the run id that index's child was given.
 */

/** How a child's account alert went: nothing to tell, published, or its publish failed. */
export type AlertState = 'none' | 'published' | 'failed';

/** One target's outcome, as the organization summary shows it. */
export interface ChildOutcome {
  readonly verdict: Verdict;
  readonly runId?: string;
  readonly counts?: Readonly<Record<FindingStatus, number>>;
  /** Where its report is (`s3://` Markdown and JSON). */
  readonly report?: { readonly json: string; readonly markdown: string };
  readonly alert: AlertState;
  /** Why there is no verdict of its own (an ERROR): the child's error, or no result at all. */
  readonly problem?: string;
}

/*
 * zod/mini: the summary function carries no other schema. A record that does not parse is an ERROR
 * with a message of its own below, never zod's.
 */
const optionalText = () => z.optional(z.string());

const FileListSchema = z._default(z.array(z.object({ Key: z.string().check(z.minLength(1)) })), []);

/** The ResultWriter's manifest.json. */
export const ManifestSchema = z.object({
  ResultFiles: z.object({
    SUCCEEDED: FileListSchema,
    FAILED: FileListSchema,
    PENDING: FileListSchema,
  }),
});
export type Manifest = z.output<typeof ManifestSchema>;

const ExportedExecutionSchema = z.object({
  Status: z.string(),
  Input: optionalText(),
  Output: optionalText(),
  Error: optionalText(),
  Cause: optionalText(),
});

// MUTED is counted since mutes exist; a child's outcome recorded before then had none.
const CountsSchema = z.object(
  Object.fromEntries(
    FINDING_STATUSES.map((s) => [
      s,
      s === 'MUTED' ? z._default(z.int().check(z.minimum(0)), 0) : z.int().check(z.minimum(0)),
    ]),
  ) as Record<FindingStatus, z.ZodMiniInt>,
);
const ErrorSchema = z.object({ Error: optionalText(), Cause: optionalText() });
const AlertSchema = z.union([z.object({ status: z.enum(['none', 'published']) }), ErrorSchema]);

/** A child's output: the audit's outcome, or why the target was not audited. */
const ChildOutputSchema = z.union([
  z.object({
    runId: z.string(),
    verdict: z.enum(['PASS', 'FAIL', 'ERROR']),
    counts: CountsSchema,
    reportLocation: z.object({ json: z.string(), markdown: z.string() }),
    alert: AlertSchema,
  }),
  z.object({ runId: z.string(), verdict: z.literal('ERROR'), error: ErrorSchema, alert: AlertSchema }),
]);

/** The child input's index (the ItemSelector puts `$$.Map.Item.Index` there). */
const ChildInputSchema = z.object({ index: z.int().check(z.minimum(0)) });

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function alertState(alert: z.output<typeof AlertSchema>): AlertState {
  return 'status' in alert ? alert.status : 'failed';
}

function describeError(error: { Error?: string | undefined; Cause?: string | undefined }): string {
  return [error.Error, error.Cause].filter(Boolean).join(': ') || 'no error given';
}

function outcomeOf(record: z.output<typeof ExportedExecutionSchema>, expectedRunId: string): ChildOutcome {
  if (record.Status !== 'SUCCEEDED') {
    return {
      verdict: 'ERROR',
      alert: 'none',
      problem: `its audit did not finish (${record.Status}: ${describeError(record)})`,
    };
  }
  const output = ChildOutputSchema.safeParse(parseJson(record.Output));
  if (!output.success || output.data.runId !== expectedRunId) {
    return {
      verdict: 'ERROR',
      alert: 'none',
      problem: output.success
        ? `its result names run ${output.data.runId}, not ${expectedRunId}`
        : 'its result is not an audit outcome',
    };
  }
  const data = output.data;
  if ('error' in data) {
    return {
      verdict: 'ERROR',
      runId: data.runId,
      alert: alertState(data.alert),
      problem: `it was not audited: ${describeError(data.error)}`,
    };
  }
  return {
    verdict: data.verdict,
    runId: data.runId,
    counts: data.counts,
    report: data.reportLocation,
    alert: alertState(data.alert),
  };
}

/**
 * Each child's outcome by index, from the exported executions (every result file's records
 * together). A record for an index the run does not have, or without a readable index, is ignored;
 * a finished record wins over an unfinished one for the same index (a redriven child).
 * @param runIdOf the run id child `index` was given.
 */
export function outcomesFromExport(
  records: readonly unknown[],
  count: number,
  runIdOf: (index: number) => string,
): Map<number, ChildOutcome> {
  const outcomes = new Map<number, ChildOutcome>();
  for (const raw of records) {
    const record = ExportedExecutionSchema.safeParse(raw);
    if (!record.success) continue;
    const input = ChildInputSchema.safeParse(parseJson(record.data.Input));
    if (!input.success || input.data.index >= count) continue;
    const { index } = input.data;
    if (outcomes.has(index) && record.data.Status !== 'SUCCEEDED') continue;
    outcomes.set(index, outcomeOf(record.data, runIdOf(index)));
  }
  return outcomes;
}

/** The result files a manifest names, every one in the manifest's own directory (never elsewhere). */
export function resultFileKeys(manifestKey: string, manifest: Manifest): string[] {
  const directory = manifestKey.slice(0, manifestKey.lastIndexOf('/') + 1);
  const files = [
    ...manifest.ResultFiles.SUCCEEDED,
    ...manifest.ResultFiles.FAILED,
    ...manifest.ResultFiles.PENDING,
  ];
  return files
    .map((file) => file.Key)
    .filter((key) => key.startsWith(directory) && !key.slice(directory.length).includes('/'));
}
