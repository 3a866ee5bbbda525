import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../lambdas/core/config/load';
import { PreflightStack } from '../lib/preflight-stack';

const app = new App();
// `cdk synth -c config=path/to/file.json` picks another configuration; an invalid one stops synth.
const configFile = (app.node.tryGetContext('config') as string | undefined) ?? DEFAULT_CONFIG_FILE;
new PreflightStack(app, 'Preflight', {
  config: loadConfigFile(configFile),
  description: 'Preflight: production deployment checklist, verified',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
