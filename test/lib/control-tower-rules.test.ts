import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, Duration, type PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { applicableRuleFiles, CONTROL_TOWER_RULES } from '../../lib/control-tower-rules';
import { policyValidationPlugins } from '../../lib/policy-validation';

/*
 * The Control Tower plugin runs only the rules that can apply to the synthesized resource types
 * (cfn-guard's cost is per rule file, applicable or not). Leaving a rule out must never hide a
 * finding: the app's plugin reports exactly what the whole published rule set reports.
 */

function writeTemplate(dir: string, name: string, types: readonly string[]): string {
  const file = path.join(dir, `${name}.template.json`);
  const resources = Object.fromEntries(types.map((type, i) => [`R${i}`, { Type: type, Properties: {} }]));
  writeFileSync(file, JSON.stringify({ Resources: resources }));
  return file;
}

/** Findings as rule › resource, for comparing two reports. */
const findings = (report: PolicyValidationPluginReport) =>
  report.violations
    .flatMap((v) =>
      v.violatingResources.map((r) => `${v.ruleName} › ${r.templatePath}#${r.resourceLogicalId}`),
    )
    .sort();

describe('the Control Tower rules that run', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ct-rules-'));
  const rules = path.join(dir, 'rules');
  mkdirSync(path.join(rules, 's3'), { recursive: true });
  mkdirSync(path.join(rules, 'rds'), { recursive: true });
  writeFileSync(path.join(rules, 's3', 'bucket.guard'), "let b = Resources.*[ Type == 'AWS::S3::Bucket' ]");
  writeFileSync(path.join(rules, 'rds', 'db.guard'), "let d = Resources.*[ Type == 'AWS::RDS::DBInstance' ]");
  writeFileSync(path.join(rules, 'any.guard'), 'rule any { Resources !empty }');
  writeFileSync(path.join(rules, 'notes.txt'), 'AWS::S3::Bucket is not a rule: only .guard files are');

  it('are each rule naming a declared resource type, and each rule naming none', () => {
    const bucket = writeTemplate(dir, 'bucket', ['AWS::S3::Bucket', 'AWS::SQS::Queue']);
    expect(applicableRuleFiles([bucket], rules)).toEqual([
      path.join(rules, 'any.guard'),
      path.join(rules, 's3', 'bucket.guard'),
    ]);
  });

  it('cover every template of the app: a type declared in any stack brings its rules', () => {
    const bucket = writeTemplate(dir, 'bucket', ['AWS::S3::Bucket']);
    const database = writeTemplate(dir, 'database', ['AWS::RDS::DBInstance']);
    expect(applicableRuleFiles([bucket, database], rules)).toEqual([
      path.join(rules, 'any.guard'),
      path.join(rules, 'rds', 'db.guard'),
      path.join(rules, 's3', 'bucket.guard'),
    ]);
  });

  it('are a fraction of the shipped rules for a stack of a few types', () => {
    const template = writeTemplate(dir, 'few', ['AWS::S3::Bucket', 'AWS::Lambda::Function']);
    const all = applicableRuleFiles([writeTemplate(dir, 'none', [])], CONTROL_TOWER_RULES);
    const few = applicableRuleFiles([template], CONTROL_TOWER_RULES);
    expect(few.length).toBeGreaterThan(0);
    expect(few.length * 5).toBeLessThan(new CfnGuardValidator().ruleIds?.length ?? 0);
    expect(few).toEqual(expect.arrayContaining(all));
  });

  it('find exactly what the whole published rule set finds, on a stack of several types', () => {
    const app = new App({ outdir: path.join(dir, 'cdk.out') });
    const stack = new Stack(app, 'Several');
    new s3.Bucket(stack, 'Naked', { enforceSSL: true });
    new sqs.Queue(stack, 'Queue');
    new logs.LogGroup(stack, 'Logs');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new lambda.Function(stack, 'Function', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {};'),
      timeout: Duration.seconds(3),
      role,
    });
    const artifact = app.synth().getStackArtifact(stack.artifactId);
    const context = {
      templatePaths: [artifact.templateFullPath],
      // The plugins read the template files; neither reads the parsed stacks.
      stackTemplates: [],
      appConstruct: app,
    };
    const appPlugin = policyValidationPlugins(app).find((p) => p.name === 'cdk-validator-cfnguard');

    const all = new CfnGuardValidator().validate(context);
    const applicable = appPlugin?.validate(context);

    expect(findings(all).length).toBeGreaterThan(3);
    expect(applicable && findings(applicable)).toEqual(findings(all));
    expect(applicable?.success).toBe(false);
  }, 60_000);
});
