import { z } from 'zod';
import { type CheckResult, FINDING_STATUSES } from '../findings';

/*
 * A check result read back from the report bucket is data from outside the run's memory: it is
 * believed only when it has the shape the check task writes, for the check it is supposed to be.
 */

const StoredFindingSchema = z.object({
  checkId: z.string(),
  rule: z.string().min(1),
  itemId: z.string().optional(),
  resource: z.string().min(1),
  status: z.enum(FINDING_STATUSES),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()).optional(),
  remediation: z.string().optional(),
});

const StoredCheckResultSchema = z.object({
  checkId: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  // A check that finds nothing in scope says so with a SKIPPED finding; no findings means no result.
  findings: z.array(StoredFindingSchema).min(1),
});

/** The stored result of `checkId`, or why it cannot be believed. */
export function parseStoredCheckResult(
  raw: unknown,
  checkId: string,
): { ok: true; result: CheckResult } | { ok: false; problem: string } {
  const parsed = StoredCheckResultSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') || '(result)'}: ${issue?.message ?? 'invalid'}` };
  }
  const result = parsed.data as CheckResult;
  const foreign = [result.checkId, ...result.findings.map((f) => f.checkId)].find((id) => id !== checkId);
  if (foreign !== undefined) {
    return { ok: false, problem: `holds findings of "${foreign}", expected only "${checkId}"` };
  }
  return { ok: true, result };
}
