import { App, Validations } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { FAMILY_NAMES } from '../../lambdas/core/checks/registry';
import type { PreflightConfigInput } from '../../lambdas/core/config/schema';
import { ConfigError, validateConfig } from '../../lambdas/core/config/validate';
import { policyValidationPlugins } from '../../lib/policy-validation';
import { PreflightStack } from '../../lib/preflight-stack';
import { allStates, extractStateMachine } from '../harness/asl';
import { synthPreflight } from '../harness/synth';
import { ofType, resolved } from '../support/template-policies';

/*
 * The real Distributed Map, as synthesized: the harness runs its item processor inline, so what only
 * Step Functions reads (ItemReader, MaxConcurrency, failure tolerance, child execution type,
 * ResultWriter) is asserted here on the template.
 */

const ORGANIZATION: PreflightConfigInput['organization'] = {
  organizationalUnits: ['ou-ab12-11111111'],
  regions: ['eu-west-1', 'us-east-1'],
  access: { externalId: 'preflight-org' },
};

function fanoutOf(config: PreflightConfigInput) {
  const synth = synthPreflight(config);
  const machine = extractStateMachine(synth.template, 'FanoutStateMachine');
  const map = machine.definition.States as Record<string, Record<string, unknown>>;
  return { ...synth, machine, map: map['Audit every target'] as Record<string, unknown> };
}

describe('the fan-out’s Distributed Map', () => {
  it('reads its items from the object the list step wrote, not from state', () => {
    const { map, machine } = fanoutOf({});
    expect(map.ItemReader).toEqual({
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON' },
      Parameters: { 'Bucket.$': '$.targets.items.bucket', 'Key.$': '$.targets.items.key' },
    });
    expect(map.ItemsPath).toBeUndefined();
    const states = machine.definition.States as Record<string, Record<string, unknown>>;
    expect(states['List targets']?.Next).toBe('Audit every target');
    expect(states['List targets']?.ResultPath).toBe('$.targets');
  });

  it('bounds concurrency and failures by the defaults, and runs STANDARD child executions', () => {
    const { map } = fanoutOf({});
    expect(map).toMatchObject({
      MaxConcurrency: 40,
      ToleratedFailurePercentage: 10,
      Label: 'Targets',
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
    });
  });

  it('takes MaxConcurrency and ToleratedFailurePercentage from schedules.audit', () => {
    const { map } = fanoutOf({
      schedules: { audit: { maxConcurrency: 250, toleratedFailurePercentage: 25 } },
    });
    expect(map).toMatchObject({ MaxConcurrency: 250, ToleratedFailurePercentage: 25 });
  });

  it('gives each child its item, its index and its own run id, and the configuration', () => {
    const { map } = fanoutOf({});
    expect(map.ItemSelector).toEqual({
      'item.$': '$$.Map.Item.Value',
      'index.$': '$$.Map.Item.Index',
      'runId.$': "States.Format('{}-{}', $$.Execution.Name, $$.Map.Item.Index)",
      'config.$': '$.config',
      alert: { status: 'none' },
    });
  });

  it('exports the children’s results to the report bucket under fanout-results/, and summarizes even when it fails', () => {
    const { map, template } = fanoutOf({});
    const bucket = ofType(template, 'AWS::S3::Bucket').find(([id]) => id.startsWith('ReportsBucket'))?.[0];
    expect(map.ResultWriter).toEqual({
      Resource: 'arn:aws:states:::s3:putObject',
      Parameters: { Bucket: (bucket as string).toLowerCase(), Prefix: 'fanout-results' },
    });
    expect(map.ResultPath).toBe('$.results');
    expect(map.Next).toBe('Summarize');
    expect(map.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.fanoutError', Next: 'Summarize' },
    ]);
  });

  it('runs each child with the audit machine’s own functions, as a scheduled audit only', () => {
    const { machine, template } = fanoutOf({});
    const audit = extractStateMachine(template, 'AuditStateMachine');
    const states = allStates(machine.definition);
    const processor = states.get('Audit every target')?.ItemProcessor as { StartAt?: string } | undefined;
    expect(processor?.StartAt).toBe('Validate target');
    const auditStates = allStates(audit.definition);
    const resource = (all: typeof states, name: string) => all.get(name)?.Resource;
    expect(resource(states, 'Validate target')).toBe(resource(auditStates, 'Validate input'));
    for (const family of FAMILY_NAMES) {
      expect(resource(states, `Run target check (${family})`)).toBeDefined();
      expect(resource(states, `Run target check (${family})`)).toBe(
        resource(auditStates, `Run check (${family})`),
      );
    }
    expect(resource(states, 'Build target report')).toBe(resource(auditStates, 'Build report'));
    expect(resource(states, 'Remember account posture')).toBe(resource(auditStates, 'Remember posture'));
    expect(states.get('Validate target')?.Parameters).toMatchObject({ requireMode: 'scheduled' });
  });

  it('ignores the execution input: what to audit comes from the configuration', () => {
    const { machine } = fanoutOf({});
    const load = (machine.definition.States as Record<string, Record<string, unknown>>)['Load configuration'];
    expect(machine.definition.StartAt).toBe('Load configuration');
    expect(load?.Type).toBe('Pass');
    expect(load?.ResultPath).toBeUndefined();
    expect(Object.keys(load?.Result as object).sort()).toEqual(['config', 'fanoutError', 'results']);
  });
});

describe('the fan-out machine', () => {
  it('is a Standard workflow with a timeout, logs without execution data, and its failures alarmed', () => {
    const { template, stack } = synthPreflight({});
    const id = stack.getLogicalId(stack.fanout.stateMachine.node.defaultChild as never);
    const machine = ofType(template, 'AWS::StepFunctions::StateMachine').find(([key]) => key === id)?.[1];
    expect(machine?.Properties).toMatchObject({
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: false },
    });
    expect(JSON.parse(String(resolved(machine?.Properties?.DefinitionString))).TimeoutSeconds).toBe(
      12 * 3600,
    );
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties ?? {});
    const onMachine = (metric: string) =>
      alarms.filter((a) => a.MetricName === metric && JSON.stringify(a.Dimensions).includes(id));
    expect(onMachine('ExecutionsFailed')).toHaveLength(1);
    expect(onMachine('ExecutionsTimedOut')).toHaveLength(1);
    expect(
      alarms.filter(
        (a) => a.MetricName === 'NotificationsFailed' && JSON.stringify(a.Dimensions).includes('fanout'),
      ),
    ).toHaveLength(1);
  });

  it('passes cdk-nag and the Control Tower proactive controls with an organization configured', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new PreflightStack(app, 'Preflight', {
      config: validateConfig({ organization: ORGANIZATION, environments: { prod: { region: 'eu-west-1' } } }),
    });
    Validations.of(app).addPlugins(...policyValidationPlugins(app));
    expect(() => app.synth()).not.toThrow();
    // The whole stack with a function per check family: the time grows with the families.
  }, 180_000);
});

describe('configuration of the fan-out and the organization', () => {
  function problems(raw: PreflightConfigInput) {
    try {
      validateConfig(raw, 'test.json');
    } catch (error) {
      if (error instanceof ConfigError) return error.problems.map((p) => `${p.key}: ${p.expected}`);
      throw error;
    }
    return [];
  }

  it.each([
    [
      { schedules: { audit: { maxConcurrency: 0 } } },
      'schedules.audit.maxConcurrency: expected a number of audits at once from 1 to 1000',
    ],
    [
      { schedules: { audit: { maxConcurrency: 1001 } } },
      'schedules.audit.maxConcurrency: expected a number of audits at once from 1 to 1000',
    ],
    [
      { schedules: { audit: { toleratedFailurePercentage: 101 } } },
      'schedules.audit.toleratedFailurePercentage: expected a percentage from 0 to 100',
    ],
    [
      { organization: { ...ORGANIZATION, organizationalUnits: ['ou-12'] } },
      'organization.organizationalUnits.[0]: expected an OU id such as ou-ab12-11111111 (or a root id such as r-ab12)',
    ],
    [
      { organization: { ...ORGANIZATION, regions: ['eu-west-1', 'eu-west-1'] } },
      'organization.regions: expected each region once',
    ],
    [{ organization: { ...ORGANIZATION, regions: [] } }, 'organization.regions: expected at least 1 item'],
    [
      { organization: { ...ORGANIZATION, access: { roleName: 'has space' } } },
      'organization.access.roleName: expected an IAM role name such as preflight-audit',
    ],
  ])('refuses %j, saying what is expected', (raw, expected) => {
    expect(problems(raw)).toContain(expected);
  });

  it('defaults the member role name to the member-account stack’s, and follows child OUs', () => {
    const config = validateConfig({
      organization: { organizationalUnits: ['r-ab12'], regions: ['eu-west-1'] },
    });
    expect(config.organization).toEqual({
      organizationalUnits: ['r-ab12'],
      includeChildUnits: true,
      regions: ['eu-west-1'],
      access: { roleName: 'preflight-audit' },
    });
    // The state machines embed the parsed configuration, and the functions parse it again.
    expect(validateConfig(config)).toEqual(config);
  });
});
