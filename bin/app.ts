import { App, Validations } from 'aws-cdk-lib';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../lambdas/core/config/load';
import { MEMBER_ACCOUNT_STACK_ID, MemberAccountStack } from '../lib/member-account-stack';
import { policyValidationPlugins } from '../lib/policy-validation';
import { PreflightStack } from '../lib/preflight-stack';

const app = new App();
// `cdk synth -c config=path/to/file.json` picks another configuration; an invalid one stops synth.
const configFile = (app.node.tryGetContext('config') as string | undefined) ?? DEFAULT_CONFIG_FILE;
const config = loadConfigFile(configFile);
new PreflightStack(app, 'Preflight', {
  config,
  description: 'Preflight: production deployment checklist, verified',
});
// The roles a member account deploys (by StackSets) so Preflight can audit and watch it.
new MemberAccountStack(app, MEMBER_ACCOUNT_STACK_ID, { config, configSource: configFile });
// cdk-nag (AwsSolutions, Serverless) and the AWS Control Tower proactive controls (cfn-guard).
Validations.of(app).addPlugins(...policyValidationPlugins(app));
