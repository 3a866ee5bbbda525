import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli';

/*
 * The construct library as a platform team uses it: `npm run build` emits dist/lib with declaration
 * files, and a separate CDK app (its own directory, plain JavaScript) imports the package by name,
 * which resolves to the built entry point, never to the sources, and synthesizes with cdk-nag.
 */

const run = promisify(execFile);
/** The package's name, as a team's package.json depends on it. */
const PACKAGE = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string })
  .name;
const apps: string[] = [];
afterAll(() => {
  for (const dir of apps) rmSync(dir, { recursive: true, force: true });
});

/** A CDK app outside the repository whose node_modules holds this package and the CDK, as an install would. */
function consumerApp(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-consumer-'));
  apps.push(dir);
  const modules = path.join(dir, 'node_modules');
  mkdirSync(modules);
  symlinkSync(REPO_ROOT, path.join(modules, PACKAGE), 'dir');
  for (const name of ['aws-cdk-lib', 'constructs', 'cdk-nag']) {
    symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(modules, name), 'dir');
  }
  writeFileSync(path.join(dir, 'app.js'), source);
  return dir;
}

async function synthIn(dir: string) {
  return run(process.execPath, ['app.js'], { cwd: dir, timeout: 240_000, maxBuffer: 32 * 1024 * 1024 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: error.code ?? 1,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}

const APP = () => `
const { App, Stack, Validations } = require('aws-cdk-lib');
const { AwsSolutionsChecks, ServerlessChecks } = require('cdk-nag');
const { Preflight, MemberAuditRole, hubRoleArns, READING_ROLES } = require('${PACKAGE}');

// Bundling skipped for speed; every function's entry and lock file must still exist where the built library points.
const app = new App({ outdir: 'cdk.out', context: { 'aws:cdk:bundling-stacks': [] } });
const platform = new Stack(app, 'PlatformTeam', { env: { account: '111122223333', region: 'eu-west-1' } });
const preflight = new Preflight(platform, 'Preflight', {
  config: {
    notifications: { emails: ['oncall@example.com'] },
    timezone: 'Europe/London',
    integrations: { chatbot: { slack: [{ workspaceId: 'T0123456789', channelId: 'C0123456789' }] } },
  },
});
const member = new Stack(app, 'MemberRoles', { env: { account: '444455556666', region: 'eu-west-1' } });
new MemberAuditRole(member, 'Audit', {
  roleName: 'preflight-audit',
  trustedRoleArns: hubRoleArns({ account: '111122223333', regions: ['eu-west-1'] }, READING_ROLES),
  externalId: 'preflight-example-external-id',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
const assembly = app.synth();
const template = assembly.getStackByName('PlatformTeam').template;
process.stdout.write(JSON.stringify({
  stateMachines: Object.values(template.Resources).filter((r) => r.Type === 'AWS::StepFunctions::StateMachine').length,
  functions: Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function').length,
  memberRoles: Object.values(assembly.getStackByName('MemberRoles').template.Resources).filter((r) => r.Type === 'AWS::IAM::Role').length,
  auditMachine: preflight.audit.stateMachine.node.path,
  chatChannels: Object.values(template.Resources).filter((r) => r.Type === 'AWS::Chatbot::SlackChannelConfiguration').map((r) => r.Properties.ConfigurationName),
}));
`;

describe('the construct library', () => {
  beforeAll(async () => {
    await run('npm', ['run', 'build:lib'], { cwd: REPO_ROOT, timeout: 240_000 });
  }, 300_000);

  it('is the package entry point, built to JavaScript with declaration files', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      main: string;
      types: string;
    };
    expect(existsSync(path.join(REPO_ROOT, pkg.main))).toBe(true);
    const declarations = readFileSync(path.join(REPO_ROOT, pkg.types), 'utf8');
    expect(declarations).toMatch(/export \{ Preflight, type PreflightProps/);
    const props = readFileSync(path.join(REPO_ROOT, 'dist', 'lib', 'preflight.d.ts'), 'utf8');
    // The props are typed and documented in the declarations a team's editor reads.
    expect(props).toMatch(/readonly config\?: PreflightConfigInput;/);
    expect(props).toMatch(/@default - read from `configFile`/);
    expect(props).toMatch(/readonly configFile\?: string;/);
  });

  it('lets a separate CDK app import it by name and synthesize Preflight and a member role, cdk-nag clean', async () => {
    const dir = consumerApp(APP());

    const result = await synthIn(dir);

    expect(result.stderr).not.toMatch(/AwsSolutions-|Serverless-/);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({
      stateMachines: 3,
      memberRoles: 1,
      auditMachine: 'PlatformTeam/Preflight/Audit/StateMachine',
      chatChannels: ['preflight-eu-west-1-slack-0'],
    });
    expect(summary.functions).toBeGreaterThan(5);
  }, 300_000);

  it('loads the built code, not the sources', async () => {
    const dir = consumerApp(
      `require('${PACKAGE}'); process.stdout.write(require.resolve('${PACKAGE}') + '\\n' + Object.keys(require.cache).filter((f) => f.endsWith('.ts')).length);`,
    );
    const result = await synthIn(dir);
    const [entry, tsModules] = result.stdout.split('\n');
    expect(entry).toBe(path.join(REPO_ROOT, 'dist', 'lib', 'index.js'));
    expect(tsModules).toBe('0');
  });

  it('bundles a function with its compiled bundler, in a plain node process, the SDK schemas with literal keys', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'preflight-compiled-bundle-'));
    apps.push(out);
    const bundling = path.join(REPO_ROOT, 'dist', 'lib', 'bundling', 'local-bundling.js');
    expect(existsSync(path.join(REPO_ROOT, 'dist', 'lib', 'bundling', 'bundle-process.js'))).toBe(true);
    const script = `const { LocalEsbuildBundling } = require(${JSON.stringify(bundling)});
new LocalEsbuildBundling(${JSON.stringify(REPO_ROOT)}, 'lambdas/handlers/audit/checks/network.ts').tryBundle(${JSON.stringify(out)}, {});`;

    await run(process.execPath, ['-e', script], { cwd: out, timeout: 120_000 });

    const code = readFileSync(path.join(out, 'index.js'), 'utf8');
    // The EC2 schemas of the operations the network check sends, and not the others.
    expect(code).toContain('"DescribeFlowLogsRequest"');
    expect(code).not.toContain('"RunInstancesRequest"');
  }, 180_000);

  it('stops synthesis on a bad configuration, naming every problem', async () => {
    const dir = consumerApp(`
const { App, Stack } = require('aws-cdk-lib');
const { Preflight } = require('${PACKAGE}');
new Preflight(new Stack(new App(), 'S'), 'Preflight', { config: { notifcations: {}, timezone: 'Mars/Olympus' } });
`);
    const result = await synthIn(dir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/notifcations: unknown key \(did you mean "notifications"\?\)/);
    expect(result.stderr).toMatch(/timezone/);
  });
});
