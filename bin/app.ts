import { App, Validations } from 'aws-cdk-lib';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../lambdas/core/config/load';
import { policyValidationPlugins } from '../lib/policy-validation';
import { PreflightStack } from '../lib/preflight-stack';

const app = new App();
// `cdk synth -c config=path/to/file.json` picks another configuration; an invalid one stops synth.
const configFile = (app.node.tryGetContext('config') as string | undefined) ?? DEFAULT_CONFIG_FILE;
new PreflightStack(app, 'Preflight', {
  config: loadConfigFile(configFile),
  description: 'Preflight: production deployment checklist, verified',
});
// cdk-nag (AwsSolutions, Serverless) and the AWS Control Tower proactive controls (cfn-guard).
Validations.of(app).addPlugins(...policyValidationPlugins(app));
