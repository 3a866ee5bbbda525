import { CHECK_STATUSES, type CheckResult } from '../findings';
import * as z from '../zod';

/*
 * A check result read back from the report bucket is data from outside the run's memory: it is
 * believed only when it has the shape the check task writes, for the check it is supposed to be.
 */

const StoredFindingSchema = z.object({
  checkId: z.string(),
  rule: z.string().check(z.minLength(1)),
  itemId: z.optional(z.string()),
  resource: z.string().check(z.minLength(1)),
  // MUTED is the report's to give, from the configuration: a check result claiming it is not believed.
  status: z.enum(CHECK_STATUSES),
  message: z.string(),
  evidence: z.optional(z.record(z.string(), z.unknown())),
  remediation: z.optional(z.string()),
  region: z.optional(z.string()),
});

const ScopedResourceSchema = z.object({
  arn: z.string(),
  why: z.array(
    z.union([
      z.object({ by: z.literal('tags'), tags: z.record(z.string(), z.string()) }),
      z.object({ by: z.literal('stack'), stack: z.string(), logicalId: z.string() }),
      z.object({ by: z.literal('arn') }),
      z.object({ by: z.literal('name'), name: z.string() }),
    ]),
  ),
});

const StoredCheckResultSchema = z.object({
  checkId: z.string(),
  startedAt: z.string(),
  durationMs: z.number(),
  region: z.optional(z.string()),
  scope: z.optional(
    z.object({
      service: z.string(),
      resources: z.array(ScopedResourceSchema),
      unmatched: z.array(z.string()),
    }),
  ),
  // A check that finds nothing in scope says so with a SKIPPED finding; no findings means no result.
  findings: z.array(StoredFindingSchema).check(z.minLength(1)),
});

/** The stored result of `checkId` (in `region`, when the run names one), or why it cannot be believed. */
export function parseStoredCheckResult(
  raw: unknown,
  checkId: string,
  region?: string,
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
  const regions = [result.region, ...result.findings.map((f) => f.region)];
  if (regions.some((r) => r !== region)) {
    const other = regions.find((r) => r !== region) ?? '(none)';
    return { ok: false, problem: `is for region ${other}, expected ${region ?? '(none)'}` };
  }
  return { ok: true, result };
}
