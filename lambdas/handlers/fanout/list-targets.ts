import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import middy from '@middy/core';
import { createOrganizationsClient, listOrganization } from '../../aws/organization';
import { S3JsonWriter } from '../../aws/report-writer';
import { fanoutKeys } from '../../core/fanout/keys';
import { planFanout } from '../../core/fanout/plan';
import { FanoutSettingsSchema } from '../../core/fanout/settings';
import { type InputIssue, invalidInput } from '../errors';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import type { ListTargetsEvent, ListTargetsOutput } from './contract';
import { FanoutEnvironment } from './env';

let store: S3JsonWriter | undefined;

let organizations: OrganizationsClient | undefined;

/** Issues of a part of the input, each named by its path from the input's root. */
const prefixed = (key: string, issues: readonly InputIssue[]): InputIssue[] =>
  issues.map((issue) => ({ ...issue, path: [key, ...issue.path] }));

/**
 * First step of the scheduled posture audit: every environment × region, and every ACTIVE account
 * of the configured OUs × the organization's regions, written to S3 as the Distributed Map's items
 * (any number of them, whatever the 256 KB state limit) and as the plan the summary reads back.
 * An OU that cannot be listed is kept in the plan as a problem: the other targets still run.
 * What to plan is the fan-out's slice of the configuration (written into the state machine at synth
 * time), validated here: a bad one fails the step with InvalidInputError naming each field.
 */
export async function run(event: ListTargetsEvent): Promise<ListTargetsOutput> {
  const parsed = FanoutSettingsSchema.safeParse(event.settings);
  if (!parsed.success) throw invalidInput('fan-out settings', prefixed('settings', parsed.error.issues));
  const settings = parsed.data;
  const bucket = FanoutEnvironment.read().REPORT_BUCKET;
  store ??= new S3JsonWriter(bucket);
  let listing: Awaited<ReturnType<typeof listOrganization>> | undefined;
  if (settings.organization !== undefined) {
    organizations ??= createOrganizationsClient();
    listing = await listOrganization(organizations, settings.organization.organizationalUnits, {
      includeChildUnits: settings.organization.includeChildUnits,
    });
  }
  const plan = planFanout(settings, listing);
  await store.putJson(fanoutKeys.plan(event.runId), plan);
  const key = fanoutKeys.items(event.runId);
  await store.putJson(
    key,
    plan.targets.map((target) => target.item),
  );
  logger.info('fan-out targets listed', {
    runId: event.runId,
    targets: plan.targets.length,
    units: listing?.units.length ?? 0,
    notAudited: plan.notAudited.length,
    listingProblems: listing?.problems.length ?? 0,
  });
  return {
    items: { bucket, key },
    count: plan.targets.length,
    listingProblems: listing?.problems.length ?? 0,
  };
}

export const handler = middy(run).use(baseMiddleware({ environment: FanoutEnvironment }));
