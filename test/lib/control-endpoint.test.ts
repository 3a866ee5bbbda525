import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { HANDLER_METADATA_KEY } from '../../lib/preflight-function';
import { synthPreflight } from '../harness/synth';

const EMAILS = ['oncall@example.com', 'cto@example.org'];
const PHONES = ['+15555550100', '+447700900123'];
const CONFIG = {
  notifications: { emails: EMAILS, phoneNumbers: PHONES },
  gate: {
    signoffs: {
      roles: ['Security Engineer'],
      approvers: { 'Security Engineer': ['arn:aws:iam::111122223333:role/SecurityApprovers'] },
    },
    window: { overrideBy: ['arn:aws:iam::111122223333:role/ReleaseManagers'] },
  },
};

type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };
type Statement = {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
};

function resources(template: Template): Record<string, Resource> {
  return (template.toJSON() as { Resources: Record<string, Resource> }).Resources;
}

/** The logical id of the execution role of the function whose handler is `entry`. */
function roleOf(template: Template, entry: string): string {
  const fn = Object.values(resources(template)).find(
    (r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.[HANDLER_METADATA_KEY] === entry,
  );
  const role = (fn?.Properties.Role as { 'Fn::GetAtt': [string, string] } | undefined)?.['Fn::GetAtt'][0];
  if (role === undefined) throw new Error(`no function ${entry}`);
  return role;
}

/** Every statement of the identity policies attached to the role. */
function statementsOf(template: Template, roleId: string): Statement[] {
  return Object.values(resources(template))
    .filter(
      (r) =>
        r.Type === 'AWS::IAM::Policy' &&
        (r.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roleId),
    )
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}

const actions = (statements: Statement[]) =>
  [...new Set(statements.flatMap((s) => [s.Action].flat()))].sort();

function bucketStatements(template: Template): Statement[] {
  const policy = Object.values(resources(template)).find(
    (r) =>
      r.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r.Properties.Bucket).includes('ReportsBucket'),
  );
  if (policy === undefined) throw new Error('no report bucket policy');
  return (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
}

describe('control endpoint in the template', () => {
  let template: Template;
  let controlRole: string;
  beforeAll(() => {
    template = synthPreflight(CONFIG).template;
    controlRole = roleOf(template, 'lambdas/handlers/control/endpoint.ts');
  });

  it('is a function URL with AWS_IAM auth, published as the ControlUrl output with the function ARN', () => {
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', {
      AuthType: 'AWS_IAM',
      TargetFunctionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ControlFunction'), 'Arn'] },
    });
    template.hasOutput('ControlUrl', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('ControlFunctionFunctionUrl'), 'FunctionUrl'] },
    });
    template.hasOutput('ControlFunctionArn', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('ControlControlFunction'), 'Arn'] },
    });
  });

  it('grants nobody a way in through its resource policy: IAM identity policies decide who may call it', () => {
    template.resourceCountIs('AWS::Lambda::Permission', 0);
  });

  it('grants the control role exactly its actions', () => {
    expect(actions(statementsOf(template, controlRole))).toEqual([
      'kms:Decrypt',
      'kms:GenerateDataKey',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      's3:GetObject',
      's3:ListBucket',
      's3:PutObject',
      'states:DescribeExecution',
      'states:SendTaskFailure',
      'states:SendTaskSuccess',
      'xray:PutTelemetryRecords',
      'xray:PutTraceSegments',
    ]);
    const statements = statementsOf(template, controlRole);
    const put = statements.find((s) => s.Action === 's3:PutObject');
    expect(JSON.stringify(put?.Resource).match(/"\/[^"]+"/g)).toEqual([
      '"/signoffs/*/*/answer.json"',
      '"/overrides/*"',
      '"/watches/*/abort.json"',
    ]);
    const describe = statements.find((s) => s.Action === 'states:DescribeExecution');
    expect(JSON.stringify(describe?.Resource)).toMatch(/:execution:".*WatchStateMachine.*Name.*":\*"/);
  });

  it('is the only role that may release a sign-off task (SendTaskSuccess/Failure)', () => {
    const holders = Object.entries(resources(template))
      .filter(([, r]) => r.Type === 'AWS::IAM::Policy')
      .filter(([, r]) => /states:SendTask/.test(JSON.stringify(r.Properties.PolicyDocument)))
      .flatMap(([, r]) => (r.Properties.Roles as { Ref: string }[]).map((ref) => ref.Ref));
    expect(holders).toEqual([controlRole]);
  });

  it('lets the report read answers and overrides, but never a sign-off request (its task token)', () => {
    const report = statementsOf(template, roleOf(template, 'lambdas/handlers/audit/build-report.ts'));
    const read = JSON.stringify(
      report.filter((s) => s.Action === 's3:GetObject' || [s.Action].flat().includes('s3:GetObject')),
    );
    expect(read).toContain('/signoffs/*/*/answer.json');
    expect(read).toContain('/overrides/*');
    expect(read).not.toContain('request.json');
    const requests = statementsOf(template, roleOf(template, 'lambdas/handlers/audit/request-signoff.ts'));
    const s3 = requests.filter((r) => [r.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3.map((r) => r.Action)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(s3[0]?.Resource)).toMatch(/"\/signoffs\/\*\/\*\/request\.json"\]\]\}$/);
  });
});

describe('report bucket policy: only the control function writes the records that decide', () => {
  let template: Template;
  let statements: Statement[];
  const controlRoleArn = () => ({
    'Fn::GetAtt': [roleOf(template, 'lambdas/handlers/control/endpoint.ts'), 'Arn'],
  });
  beforeAll(() => {
    template = synthPreflight(CONFIG).template;
    statements = bucketStatements(template);
  });
  const bySid = (sid: string) => {
    const statement = statements.find((s) => s.Sid === sid);
    if (statement === undefined) throw new Error(`no statement ${sid}`);
    return statement;
  };
  const resourcesOf = (s: Statement) => JSON.stringify(s.Resource);

  it('denies writing answers, overrides and aborts to everyone but the control role', () => {
    const deny = bySid('ControlRecordsWrittenOnlyByTheControlFunction');
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [controlRoleArn()] } },
    });
    for (const key of ['/signoffs/*/*/answer.json', '/overrides/*', '/watches/*/abort.json']) {
      expect(resourcesOf(deny)).toContain(key);
    }
  });

  it('denies a write that could replace one of those records (no If-None-Match), to everyone', () => {
    const deny = bySid('ControlRecordsWrittenOnce');
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Condition: { Null: { 's3:if-none-match': 'true' } },
    });
    expect(deny.Condition?.ArnNotEquals).toBeUndefined();
    expect(resourcesOf(deny)).toContain('/watches/*/abort.json');
  });

  it('denies deleting them, or a sign-off request, to everyone', () => {
    const deny = bySid('ControlRecordsNeverDeleted');
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
    });
    expect(deny.Condition).toBeUndefined();
    for (const key of ['answer.json', '/overrides/*', 'abort.json', 'request.json'])
      expect(resourcesOf(deny)).toContain(key);
  });

  it('denies reading a sign-off request (its task token) to everyone but the control role', () => {
    const deny = bySid('TaskTokensReadOnlyByTheControlFunction');
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: ['s3:GetObject', 's3:GetObjectVersion'],
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [controlRoleArn()] } },
    });
    expect(resourcesOf(deny)).toContain('/signoffs/*/*/request.json');
  });

  it('denies writing a sign-off request to everyone but the request function', () => {
    const deny = bySid('SignoffRequestsWrittenOnlyByTheRequestFunction');
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Action: 's3:PutObject',
      Condition: {
        ArnNotEquals: {
          'aws:PrincipalArn': [
            { 'Fn::GetAtt': [roleOf(template, 'lambdas/handlers/audit/request-signoff.ts'), 'Arn'] },
          ],
        },
      },
    });
    expect(resourcesOf(deny)).toContain('/signoffs/*/*/request.json');
  });
});

describe('no task tokens or personal data in execution logs', () => {
  let template: Template;
  beforeAll(() => {
    template = synthPreflight(CONFIG).template;
  });

  it('logs every state machine event at level ALL without execution data', () => {
    const machines = Object.values(resources(template)).filter(
      (r) => r.Type === 'AWS::StepFunctions::StateMachine',
    );
    // The audit, the scheduled audit's fan-out and the watch.
    expect(machines).toHaveLength(3);
    for (const machine of machines) {
      expect(machine.Properties.LoggingConfiguration).toMatchObject({
        Level: 'ALL',
        IncludeExecutionData: false,
      });
    }
  });

  it('embeds no email address or phone number in any state machine or function environment', () => {
    const carriers = Object.values(resources(template))
      .filter((r) => r.Type === 'AWS::StepFunctions::StateMachine' || r.Type === 'AWS::Lambda::Function')
      .map((r) =>
        JSON.stringify(
          r.Type === 'AWS::Lambda::Function' ? r.Properties.Environment : r.Properties.DefinitionString,
        ),
      );
    expect(carriers.length).toBeGreaterThan(5);
    for (const text of carriers) {
      for (const value of [...EMAILS, ...PHONES]) expect(text).not.toContain(value);
      expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
    }
    // The subscriptions are still made, at synth time.
    expect(JSON.stringify(template.findResources('AWS::SNS::Subscription'))).toContain(EMAILS[0]);
  });
});
