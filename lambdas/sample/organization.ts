import type { AccountPorts } from '../core/checks/types';
import type { PreflightConfigInput } from '../core/config/schema';
import { EnvironmentAccessError } from '../core/errors';
import type { EnvironmentTarget } from '../core/services/target';
import { createSampleAccount } from './account';
import { CATALOG_CERTIFICATE_ID, sampleProdUsEast1, sampleStagingEuWest1 } from './other-regions';
import { PROD_ACCOUNT, STAGING_ACCOUNT } from './ownership';

/*
 * The built-in sample organization (`preflight audit --sample`): two accounts, two regions, three
 * services, and resources nobody owns. orders-api passes (its own resources are healthy, in both
 * regions), payments fails on its own resources, catalog cannot be fully judged (a service control
 * policy in staging denies listing secrets). The broken resources nobody owns block no one.
 */

const STAGING_ROLE = `arn:aws:iam::${STAGING_ACCOUNT}:role/preflight-audit`;
const EXTERNAL_ID = 'preflight-sample';

/** The sample organization's configuration: what a platform team would write for it. */
export const SAMPLE_CONFIG: PreflightConfigInput = {
  timezone: 'Europe/London',
  environments: {
    prod: { account: PROD_ACCOUNT, regions: ['eu-west-1', 'us-east-1'] },
    staging: {
      account: STAGING_ACCOUNT,
      region: 'eu-west-1',
      access: { roleName: 'preflight-audit', externalId: EXTERNAL_ID },
    },
  },
  // IAM keys belong to the account: shown with every service, blocking none.
  gate: { accountFindings: 'report' },
  services: {
    'orders-api': {
      description: 'Order taking: API, database, carts',
      environments: ['prod'],
      resources: { tags: { service: 'orders-api' } },
      tlsEndpoints: [{ host: 'api.example.com' }],
      requiredAlarms: [
        {
          namespace: 'AWS/ApplicationELB',
          metricName: 'HTTPCode_Target_5XX_Count',
          reason: 'error-rate rollback trigger for the orders API',
        },
      ],
      keyMetrics: [
        {
          namespace: 'AWS/ApplicationELB',
          metricName: 'RequestCount',
          dimensions: { LoadBalancer: 'app/orders-api/50dc6c495c0c9188' },
        },
      ],
      checks: {
        'deployment-strategy': {
          deploymentGroups: [{ applicationName: 'orders-api', deploymentGroupName: 'orders-api-prod' }],
        },
      },
      // Its rollback document is what rollback-tested looks for runs of.
      watch: { rollback: { action: 'ssm-automation', documentName: 'orders-api-rollback' } },
    },
    payments: {
      description: 'Payments: Aurora cluster and Stripe integration, deployed as the payments-prod stack',
      environments: ['prod'],
      resources: { tags: { service: 'payments' }, stacks: ['payments-prod'] },
      requiredAlarms: [
        { name: 'payments-api-5xx-rate', reason: 'error-rate rollback trigger for the payments API' },
      ],
      // The checkout publishes this from its code; it stopped with the handler's logs.
      keyMetrics: [{ namespace: 'Payments', metricName: 'PaymentsAuthorized' }],
      checks: { 'rollback-tested': { documents: ['payments-rollback'] } },
      // Its deployment group is what deployment-strategy judges.
      watch: {
        rollback: {
          action: 'codedeploy',
          deploymentGroups: [{ applicationName: 'payments', deploymentGroupName: 'payments-workers' }],
        },
      },
    },
    catalog: {
      description: 'Product catalog, staging only so far',
      environments: ['staging'],
      resources: {
        names: [
          'catalog-items',
          'catalog-errors',
          '/staging/catalog/search-api-key',
          '/ecs/catalog-api',
          'catalog-indexer',
          'catalog-api',
          'catalog-api-alb',
        ],
        arns: [`arn:aws:acm:eu-west-1:${STAGING_ACCOUNT}:certificate/${CATALOG_CERTIFICATE_ID}`],
      },
      // Staging runs one task; production would keep two.
      checks: { 'auto-scaling-policies': { minCapacity: 1 } },
    },
  },
};

const ESTATES: Readonly<Record<string, (now: Date) => AccountPorts>> = {
  [`${PROD_ACCOUNT}:eu-west-1`]: createSampleAccount,
  [`${PROD_ACCOUNT}:us-east-1`]: sampleProdUsEast1,
  [`${STAGING_ACCOUNT}:eu-west-1`]: sampleStagingEuWest1,
};

/**
 * Reaches one account and region of the sample organization as Preflight reaches AWS: the staging
 * account only through its role with the right external id.
 * @throws EnvironmentAccessError for a role the sample does not trust, or an account or region it lacks.
 */
export async function reachSample(
  environment: EnvironmentTarget,
  region: string | undefined,
  now: Date,
): Promise<AccountPorts> {
  const account = environment.account ?? PROD_ACCOUNT;
  const where = region ?? 'eu-west-1';
  if (environment.role !== undefined) {
    if (environment.role.arn !== STAGING_ROLE || environment.role.externalId !== EXTERNAL_ID) {
      throw new EnvironmentAccessError(
        `could not assume ${environment.role.arn} for environment "${environment.name}" (AccessDenied: the sample organization trusts only ${STAGING_ROLE} with its external id)`,
        'Check the role ARN and external id of the environment.',
      );
    }
  } else if (account !== PROD_ACCOUNT) {
    throw new EnvironmentAccessError(
      `environment "${environment.name}" is account ${account}, but the sample runs as account ${PROD_ACCOUNT} and no role is configured for it`,
      `Set environments.${environment.name}.access to the role to assume there.`,
    );
  }
  const estate = ESTATES[`${account}:${where}`];
  if (estate === undefined) {
    throw new EnvironmentAccessError(
      `the sample organization has no account ${account} in ${where}`,
      'Use the accounts and regions of the sample configuration.',
    );
  }
  return estate(now);
}
