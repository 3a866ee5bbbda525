import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import middy from '@middy/core';
import { createOrganizationsClient, listOrganization } from '../../aws/organization';
import { S3ReportStore } from '../../aws/report-store';
import { validateConfig } from '../../core/config/validate';
import { fanoutKeys } from '../../core/fanout/keys';
import { planTargets } from '../../core/fanout/targets';
import { logger } from '../logger';
import { baseMiddleware } from '../middleware';
import type { ListTargetsEvent, ListTargetsOutput } from './contract';
import { FanoutEnvironment } from './env';

let store: S3ReportStore | undefined;
let organizations: OrganizationsClient | undefined;

/**
 * First step of the scheduled posture audit: every environment × region, and every ACTIVE account
 * of the configured OUs × the organization's regions, written to S3 as the Distributed Map's items
 * (any number of them, whatever the 256 KB state limit) and as the plan the summary reads back.
 * An OU that cannot be listed is kept in the plan as a problem: the other targets still run.
 */
export async function run(event: ListTargetsEvent): Promise<ListTargetsOutput> {
  const config = validateConfig(event.config, 'the state machine configuration');
  const bucket = FanoutEnvironment.read().REPORT_BUCKET;
  store ??= new S3ReportStore(bucket);
  let listing: Awaited<ReturnType<typeof listOrganization>> | undefined;
  if (config.organization !== undefined) {
    organizations ??= createOrganizationsClient();
    listing = await listOrganization(organizations, config.organization.organizationalUnits, {
      includeChildUnits: config.organization.includeChildUnits,
    });
  }
  const plan = planTargets(config, listing);
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
