import { existsSync } from 'node:fs';
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { formatConfigError } from '../lambdas/core/config/format';
import {
  ConfigError,
  DEFAULT_CONFIG_FILE,
  loadConfigFile,
  MEMBER_ACCOUNT_STACK_ID,
  MemberAccountStack,
  type PreflightConfig,
  PreflightStack,
  policyValidationPlugins,
  validateConfig,
} from '../lib';

// The repository's own app: a thin user of the construct library (lib/index.ts), as a team's app is.
const app = new App();
// `cdk synth -c config=path/to/file.json` picks another configuration; without one, the project's
// preflight.config.json, else every default (and a warning saying so).
const given = app.node.tryGetContext('config') as string | undefined;
const configFile = given ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
let config: PreflightConfig;
try {
  config = configFile === undefined ? validateConfig({}, 'built-in defaults') : loadConfigFile(configFile);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // The problems, one line each, as the CLI prints them: no stack trace, nothing to synthesize.
  process.stderr.write(`${formatConfigError(error)}\n`);
  process.exit(1);
}
const preflight = new PreflightStack(app, 'Preflight', {
  config,
  description: 'Preflight: production deployment checklist, verified',
});
if (configFile === undefined) {
  Annotations.of(preflight).addWarningV2(
    'preflight:no-configuration',
    `no ${DEFAULT_CONFIG_FILE} here: synthesized with every default. Copy examples/preflight.config.json to ${DEFAULT_CONFIG_FILE} and make it yours (README, Deploy).`,
  );
}
// The roles a member account deploys (by StackSets) so Preflight can audit and watch it.
new MemberAccountStack(app, MEMBER_ACCOUNT_STACK_ID, {
  config,
  configSource: configFile ?? `the built-in configuration (no ${DEFAULT_CONFIG_FILE})`,
});
// cdk-nag (AwsSolutions, Serverless) and the AWS Control Tower proactive controls (cfn-guard).
Validations.of(app).addPlugins(...policyValidationPlugins(app));
