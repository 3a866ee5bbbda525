import * as z from 'zod/mini';
import type { TargetPlan } from './targets';

/*
 * Where the fan-out keeps its objects in the report bucket, and the plan as it is read back. The
 * plan is written by the list step and read by the summary; read back from S3, it is believed only
 * in the shape the list step writes.
 */

/** The Distributed Map's ResultWriter prefix: `fanout-results/<map run id>/manifest.json` and files. */
export const FANOUT_RESULTS_PREFIX = 'fanout-results';

export const fanoutKeys = {
  /** The items of the Distributed Map's ItemReader: a JSON array of scheduled audit inputs. */
  items: (runId: string) => `runs/${runId}/targets.json`,
  /** The whole plan: every target with its label, accounts not audited, the organization listing. */
  plan: (runId: string) => `runs/${runId}/plan.json`,
  summaryJson: (runId: string) => `runs/${runId}/summary.json`,
  summaryMarkdown: (runId: string) => `runs/${runId}/summary.md`,
};

/** A manifest the ResultWriter wrote for this stack: `fanout-results/<map run id>/manifest.json`. */
export const MANIFEST_KEY = new RegExp(`^${FANOUT_RESULTS_PREFIX}/[A-Za-z0-9_-]{1,128}/manifest\\.json$`);

const text = () => z.string();
const optionalText = () => z.optional(z.string());

const ItemSchema = z.strictObject({
  mode: z.literal('scheduled'),
  environment: optionalText(),
  account: optionalText(),
  region: optionalText(),
  checks: z.optional(z.array(text())),
});

const AccountSchema = z.strictObject({
  id: text(),
  name: optionalText(),
  state: text(),
  parent: text(),
});

const ProblemSchema = z.strictObject({ parent: text(), message: text(), remediation: text() });

/**
 * The plan as the summary reads it back. zod/mini (the summary function carries no other schema):
 * it has no messages of its own, so a malformed plan is reported by the path of its first problem.
 */
export const TargetPlanSchema = z.strictObject({
  targets: z.array(
    z.strictObject({
      item: ItemSchema,
      source: z.enum(['environment', 'organization']),
      account: optionalText(),
      region: optionalText(),
      label: text(),
    }),
  ),
  notAudited: z.array(AccountSchema),
  listing: z.optional(
    z.strictObject({
      units: z.array(text()),
      accounts: z.array(AccountSchema),
      problems: z.array(ProblemSchema),
    }),
  ),
}) satisfies z.ZodMiniType<TargetPlan>;
