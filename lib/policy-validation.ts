import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { App, IPolicyValidationPlugin } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';

/**
 * The checks every synthesis of Preflight passes: cdk-nag's AwsSolutions and Serverless packs, and
 * the AWS Control Tower proactive controls (cfn-guard rules shipped with the validator, run
 * offline), so an organization that enforces them accepts the stack. An unacknowledged finding stops
 * synthesis; each acknowledgement sits next to its resource with the reason, and the Control Tower
 * ones are written up in docs/security-infra.md.
 */
export function policyValidationPlugins(app: App): IPolicyValidationPlugin[] {
  return [new AwsSolutionsChecks(app), new ServerlessChecks(app), new CfnGuardValidator()];
}
