import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runShell, type Sandbox, STUB_REPORT, sandbox, VERDICTS } from '../support/pipeline-stubs';

/*
 * The pipeline examples, run as their runners run them: each GitHub Actions `run:` block through
 * `bash -e` (GitHub's default shell), each CodeBuild phase through bash, against a stand-in
 * `preflight` that prints a report and exits 0 (PASS), 1 (FAIL) or 2 (ERROR). A step that passes on
 * a FAIL or an ERROR would let the deploy through.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const EXAMPLE_CONFIG = JSON.parse(read('examples/preflight.config.json')) as {
  gate: { requiredAttestations: string[] };
};

interface Step {
  name?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  run?: string;
}
interface Job {
  needs?: string | string[];
  defaults?: { run?: { 'working-directory'?: string } };
  steps: Step[];
}
interface Workflow {
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, Job>;
}

const WORKFLOW_FILE = 'examples/github-actions/deploy.yml';
const workflow = parse(read(WORKFLOW_FILE)) as Workflow;

/** What GitHub fills `${{ ... }}` with, for a run of the workflow. */
const CONTEXT: Record<string, string> = {
  'github.run_id': '8123456789',
  'github.run_attempt': '1',
  'github.server_url': 'https://github.com',
  'github.repository': 'acme/orders-api',
  'vars.PREFLIGHT_STATE_MACHINE_ARN': 'arn:aws:states:eu-west-1:111122223333:stateMachine:Audit',
  'vars.PREFLIGHT_WATCH_STATE_MACHINE_ARN': 'arn:aws:states:eu-west-1:111122223333:stateMachine:Watch',
  'vars.PREFLIGHT_REPORT_BUCKET': 'preflight-reports',
  'vars.ORDERS_API_IMAGE': `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api@sha256:${'ab'.repeat(32)}`,
};
const RUN_URL = 'https://github.com/acme/orders-api/actions/runs/8123456789';

/** `${{ expr }}` filled from the context; an expression it does not know fails the test. */
function fill(value: string): string {
  return value.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    const known = CONTEXT[expression];
    if (known === undefined) throw new Error(`no value for \${{ ${expression} }} in the test's context`);
    return known;
  });
}
const filled = (env: Record<string, string> = {}) =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(v)]));

/**
 * Runs a job's `run:` steps in order as GitHub does (`bash -e` in the job's working directory, the
 * workflow's, job's and step's env), stopping at the first that fails. Returns each step's exit code.
 */
async function runJob(job: Job, box: Sandbox): Promise<{ codes: number[]; summary: string; stderr: string }> {
  const cwd = path.join(box.work, job.defaults?.run?.['working-directory'] ?? '.');
  mkdirSync(cwd, { recursive: true });
  const summary = path.join(box.work, 'step-summary.md');
  writeFileSync(summary, '');
  const codes: number[] = [];
  let stderr = '';
  for (const step of job.steps) {
    if (step.run === undefined) continue;
    expect(
      step.run,
      'a run block takes values through env, never a GitHub expression (script injection)',
    ).not.toMatch(/\$\{\{/);
    const run = await runShell(['bash', '-e'], step.run, {
      box,
      cwd,
      env: { ...filled(workflow.env), ...filled(step.env), GITHUB_STEP_SUMMARY: summary },
    });
    codes.push(run.code);
    stderr += run.stderr;
    if (run.code !== 0) break;
  }
  return { codes, summary: readFileSync(summary, 'utf8'), stderr };
}

const jobOf = (name: string): Job => {
  const job = workflow.jobs[name];
  if (job === undefined) throw new Error(`no job ${name} in ${WORKFLOW_FILE}`);
  return job;
};
const stepUsing = (job: Job, action: string) => job.steps.find((s) => s.uses?.startsWith(`${action}@`));

describe('the GitHub Actions example', () => {
  describe.each([0, 1, 2] as const)('when preflight exits %i', (exitCode) => {
    it(`${exitCode === 0 ? 'passes' : 'fails'} the gate job, and the report reaches the job summary`, async () => {
      const box = sandbox(exitCode);

      const { codes, summary, stderr } = await runJob(jobOf('gate'), box);

      expect(stderr).not.toContain('without --no-install');
      expect(codes.at(-1) === 0).toBe(exitCode === 0);
      expect(codes).toHaveLength(2);
      expect(summary).toBe(STUB_REPORT(VERDICTS[exitCode]));
    });

    it(`${exitCode === 0 ? 'passes' : 'fails'} the watch job`, async () => {
      const box = sandbox(exitCode);

      const { codes } = await runJob(jobOf('watch'), box);

      expect(codes.at(-1) === 0).toBe(exitCode === 0);
      expect(box.preflightCalls()[0]?.slice(0, 2)).toEqual(['watch', 'start']);
    });
  });

  it('installs with npm ci, then gates with every attestation the configuration requires', async () => {
    const box = sandbox(0);

    await runJob(jobOf('gate'), box);

    expect(box.npmCalls()).toEqual([['ci', '--no-audit', '--no-fund']]);
    const [call] = box.preflightCalls();
    expect(call?.slice(0, 7)).toEqual([
      'gate',
      '--service',
      'orders-api',
      '--env',
      'prod',
      '--deployment-id',
      'gh-8123456789-1',
    ]);
    const attested = (call ?? []).flatMap((arg, i, all) => (all[i - 1] === '--attest' ? [arg] : []));
    expect(attested.map((a) => a.split('=')[0])).toEqual(EXAMPLE_CONFIG.gate.requiredAttestations);
    for (const attestation of attested) expect(attestation).toMatch(new RegExp(`=${RUN_URL}#[a-z-]+$`));
    expect(call?.slice(-3)).toEqual(['--wait', '--format', 'markdown']);
  });

  it('deploys only after the gate job, and watches only after the deploy', () => {
    expect(jobOf('deploy').needs).toBe('gate');
    expect(jobOf('watch').needs).toBe('deploy');
  });

  it.each(['gate', 'watch'])(
    'the %s job checks Preflight out, installs the Node.js of .nvmrc, and takes OIDC credentials',
    (name) => {
      const job = jobOf(name);
      const uses = job.steps.map((s) => s.uses?.split('@')[0]).filter((u) => u !== undefined);
      expect(uses).toEqual([
        'actions/checkout',
        'actions/setup-node',
        'aws-actions/configure-aws-credentials',
      ]);
      expect(stepUsing(job, 'actions/checkout')?.with?.path).toBe(job.defaults?.run?.['working-directory']);
      expect(stepUsing(job, 'actions/setup-node')?.with?.['node-version-file']).toBe('preflight/.nvmrc');
      expect(stepUsing(job, 'aws-actions/configure-aws-credentials')?.with?.['role-to-assume']).toBeDefined();
      expect(workflow.permissions['id-token']).toBe('write');
    },
  );
});

interface Buildspec {
  env: { shell: string };
  phases: Record<string, { commands: string[]; 'runtime-versions'?: Record<string, unknown> }>;
}

const buildspec = parse(read('examples/codebuild/buildspec.yml')) as Buildspec;
const CODEBUILD_ENV = {
  PIPELINE_EXECUTION_ID: '0f3c5e2a-9b1d-4c6e-8f7a-2d4b6c8e0a1f',
  CODEBUILD_BUILD_URL:
    'https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/projects/preflight-gate/build/1',
  PREFLIGHT_STATE_MACHINE_ARN: 'arn:aws:states:eu-west-1:111122223333:stateMachine:Audit',
  IMAGE_URI: `111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders-api@sha256:${'ab'.repeat(32)}`,
};

/**
 * A CodeBuild build of the buildspec: each phase's commands in one shell that stops at the first
 * failing command; after a failed phase only post_build still runs; the build fails if any phase did.
 */
async function build(
  box: Sandbox,
): Promise<{ failed: boolean; phases: Record<string, number>; log: string }> {
  const phases: Record<string, number> = {};
  let failed = false;
  let log = '';
  for (const name of ['install', 'pre_build', 'build', 'post_build']) {
    const phase = buildspec.phases[name];
    if (phase === undefined || (failed && name !== 'post_build')) continue;
    const run = await runShell([buildspec.env.shell, '-e'], `${phase.commands.join('\n')}\n`, {
      box,
      cwd: box.work,
      env: CODEBUILD_ENV,
    });
    phases[name] = run.code;
    log += run.stdout;
    failed ||= run.code !== 0;
  }
  return { failed, phases, log };
}

describe('the CodeBuild example (the CodePipeline gate stage)', () => {
  it.each([0, 1, 2] as const)('when preflight exits %i, the build fails unless it is 0', async (exitCode) => {
    const box = sandbox(exitCode);

    const result = await build(box);

    expect(result.failed).toBe(exitCode !== 0);
    expect(result.phases.build === 0).toBe(exitCode === 0);
    // The report is in the build log either way.
    expect(result.log).toContain(STUB_REPORT(VERDICTS[exitCode]));
  });

  it('installs with npm ci, then gates with every attestation the configuration requires', async () => {
    const box = sandbox(0);

    await build(box);

    expect(box.npmCalls()).toEqual([['ci', '--no-audit', '--no-fund']]);
    const [call] = box.preflightCalls();
    expect(call?.slice(0, 7)).toEqual([
      'gate',
      '--service',
      'orders-api',
      '--env',
      'prod',
      '--deployment-id',
      CODEBUILD_ENV.PIPELINE_EXECUTION_ID,
    ]);
    const attested = (call ?? []).flatMap((arg, i, all) => (all[i - 1] === '--attest' ? [arg] : []));
    expect(attested.map((a) => a.split('=')[0])).toEqual(EXAMPLE_CONFIG.gate.requiredAttestations);
  });

  it('runs on a Node.js Preflight supports', () => {
    const nodejs = Number(buildspec.phases.install?.['runtime-versions']?.nodejs);
    const minimum = Number(/>=(\d+)/.exec(JSON.parse(read('package.json')).engines.node)?.[1]);
    expect(nodejs).toBeGreaterThanOrEqual(minimum);
  });

  it('is started by a CodePipeline stage that names the deployment after the pipeline execution', () => {
    const stage = JSON.parse(read('examples/codepipeline/gate-stage.json')) as {
      actions: Array<{ actionTypeId: { provider: string }; configuration: { EnvironmentVariables: string } }>;
    };
    const [action] = stage.actions;
    expect(action?.actionTypeId.provider).toBe('CodeBuild');
    const variables = JSON.parse(action?.configuration.EnvironmentVariables ?? '[]') as Array<{
      name: string;
      value: string;
    }>;
    expect(variables.map((v) => v.name).sort()).toEqual([
      'IMAGE_URI',
      'PIPELINE_EXECUTION_ID',
      'PREFLIGHT_STATE_MACHINE_ARN',
    ]);
    expect(variables.find((v) => v.name === 'PIPELINE_EXECUTION_ID')?.value).toBe(
      '#{codepipeline.PipelineExecutionId}',
    );
  });
});

/** `block` is a run of lines of `file`, each indented alike (a Markdown code block drops the file's indentation). */
function quotes(file: string, block: string): boolean {
  const want = block.replace(/\n$/, '').split('\n');
  const lines = file.split('\n');
  return lines.some((first, start) => {
    const indent = first.slice(0, first.length - (want[0] ?? '').length);
    if (indent.trim() !== '') return false;
    return want.every((line, i) => lines[start + i] === (line === '' ? '' : indent + line));
  });
}

describe('the examples in the README', () => {
  const readme = read('README.md');

  it('quotes the pipeline files as they are', () => {
    const blocks = [...readme.matchAll(/```(?:yaml|json)\n([\s\S]*?)```/g)].map((m) => m[1] as string);
    const quoted = blocks.filter((b) => /npx --no-install preflight (gate|watch)|PreflightGate/.test(b));
    expect(quoted.length).toBeGreaterThanOrEqual(2);
    const files = [
      WORKFLOW_FILE,
      'examples/github-actions/code-scanning.yml',
      'examples/codebuild/buildspec.yml',
      'examples/codepipeline/gate-stage.json',
    ].map(read);
    for (const block of quoted) {
      expect(
        files.some((file) => quotes(file, block)),
        `README block not in an example file:\n${block}`,
      ).toBe(true);
    }
  });

  it('runs preflight only as npx --no-install preflight', () => {
    for (const text of [readme, read(WORKFLOW_FILE), read('examples/codebuild/buildspec.yml')]) {
      expect(text).not.toMatch(/npx (?!--no-install )preflight/);
    }
  });
});
