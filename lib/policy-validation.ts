import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type {
  App,
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { applicableRuleFiles } from './control-tower-rules';

/**
 * The AWS Control Tower proactive controls (the cfn-guard rules shipped with
 * `@cdklabs/cdk-validator-cfnguard`, run offline). Its findings carry no severity, and once any
 * finding of a report is acknowledged CDK re-judges the report by severity alone, so every finding
 * left would pass. Here each finding is an error, so an unacknowledged one always stops synthesis.
 * The plugin keeps its name: acknowledgements stay `cdk-validator-cfnguard::<rule>`. Only the rules
 * that can apply to the synthesized resource types run (`applicableRuleFiles`): the same findings,
 * in a quarter of the time.
 */
class ControlTowerChecks implements IPolicyValidationPlugin {
  private readonly guard = new CfnGuardValidator();
  readonly name = this.guard.name;
  readonly version = this.guard.version;
  readonly ruleIds = this.guard.ruleIds;

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const rules = applicableRuleFiles(context.templatePaths);
    // No rule names a type these templates declare: there is nothing for the controls to judge.
    if (rules.length === 0) return { success: true, violations: [] };
    const report = new CfnGuardValidator({ controlTowerRulesEnabled: false, rules }).validate(context);
    return {
      ...report,
      violations: report.violations.map((violation) => ({
        ...violation,
        severity: violation.severity ?? 'error',
      })),
    };
  }
}

/**
 * The checks every synthesis of Preflight passes: cdk-nag's AwsSolutions and Serverless packs, and
 * the AWS Control Tower proactive controls, so an organization that enforces them accepts the stack.
 * An unacknowledged finding stops synthesis; each acknowledgement sits next to its resource with the
 * reason, and the Control Tower ones are written up in docs/security-infra.md.
 */
export function policyValidationPlugins(app: App): IPolicyValidationPlugin[] {
  return [new AwsSolutionsChecks(app), new ServerlessChecks(app), new ControlTowerChecks()];
}
