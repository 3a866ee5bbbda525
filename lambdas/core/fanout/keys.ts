import * as z from 'zod';
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

const ItemSchema = z.strictObject({
  mode: z.literal('scheduled'),
  environment: z.string().optional(),
  account: z.string().optional(),
  region: z.string().optional(),
  checks: z.array(z.string()).optional(),
});

const AccountSchema = z.strictObject({
  id: z.string(),
  name: z.string().optional(),
  state: z.string(),
  parent: z.string(),
});

const ProblemSchema = z.strictObject({ parent: z.string(), message: z.string(), remediation: z.string() });

export const TargetPlanSchema = z.strictObject({
  targets: z.array(
    z.strictObject({
      item: ItemSchema,
      source: z.enum(['environment', 'organization']),
      account: z.string().optional(),
      region: z.string().optional(),
      label: z.string(),
    }),
  ),
  notAudited: z.array(AccountSchema),
  listing: z
    .strictObject({
      units: z.array(z.string()),
      accounts: z.array(AccountSchema),
      problems: z.array(ProblemSchema),
    })
    .optional(),
}) satisfies z.ZodType<TargetPlan>;
