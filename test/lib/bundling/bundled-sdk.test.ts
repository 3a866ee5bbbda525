import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../lambdas/core/config/validate';
import { resolveTarget } from '../../../lambdas/core/services/resolve';
import { checkTargetOf } from '../../../lambdas/core/services/target';
import type { StoredCheckResult } from '../../../lambdas/handlers/audit/contract';
import { checkFunctionEntry } from '../../../lib/audit/check-functions';
import { bundleFunction } from '../../../lib/bundling/bundle';
import { literalTraitKeysPlugin } from '../../../lib/bundling/literal-trait-keys';
import { bundleOptions } from '../../../lib/bundling/options';
import { PROJECT_ROOT } from '../../../lib/preflight-function';
import { type Ec2Call, ec2Reply, LocalEc2Endpoint } from '../../support/local-ec2-endpoint';

/*
 * The SDK schemas' literal trait keys are a rewrite of vendor code at bundling, so the shipped bundle
 * itself is put to work: the network check function, bundled as the stack bundles it (its EC2 client
 * loses the most schemas), runs in a child `node` process against local endpoints that speak EC2's
 * Query protocol and S3's REST-XML (`AWS_ENDPOINT_URL_EC2`, `AWS_ENDPOINT_URL_S3`). What it sends
 * (EC2's form parameters, the S3 object it writes, with its headers) and what it makes of the answers
 * (the findings) must be exactly what the same handler does from the sources, in this process, with
 * the SDK as published. A bundle whose keys are rewritten wrongly is shown to differ.
 */

const run = promisify(execFile);
const dirs: string[] = [];
const ENTRY = checkFunctionEntry('network');
const BUCKET = 'preflight-reports';
const NOW = '2026-11-30T10:00:00.000Z';

/** An S3 PutObject as the endpoint received it. */
interface ObjectWrite {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  /** The names of the headers sent (their values carry times, signatures and checksums). */
  readonly headers: readonly string[];
  readonly body: string;
}

/** A local S3 endpoint that takes every object written (path-style, as the SDK writes to an IP). */
async function localS3(): Promise<{ url: string; writes: ObjectWrite[]; server: Server }> {
  const writes: ObjectWrite[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      writes.push({
        method: request.method ?? '',
        path: decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname),
        contentType: request.headers['content-type'],
        headers: Object.keys(request.headers).sort(),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(200, { etag: '"local"', 'x-amz-request-id': 'local' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, writes, server };
}

let ec2: LocalEc2Endpoint;
let s3: Awaited<ReturnType<typeof localS3>>;

/** One account's interfaces, rules and flow logs, answered to each run the same way. */
function scriptAccount(): void {
  const eni = (id: string, group: string, publicIp: boolean) => ({
    networkInterfaceId: id,
    ownerId: '111122223333',
    vpcId: 'vpc-1',
    description: 'ELB app/web/50dc6c495c0c9188',
    interfaceType: 'interface',
    groupSet: [{ groupId: group, groupName: group }],
    ...(publicIp ? { association: { publicIp: '203.0.113.7' } } : {}),
  });
  const rule = (id: string, groupId: string, port: number, cidrIpv4: string) => ({
    securityGroupRuleId: id,
    groupId,
    isEgress: false,
    ipProtocol: 'tcp',
    fromPort: port,
    toPort: port,
    cidrIpv4,
  });
  ec2.script(
    'DescribeNetworkInterfaces',
    ec2Reply.ok('DescribeNetworkInterfaces', {
      networkInterfaceSet: [eni('eni-1', 'sg-web', true), eni('eni-2', 'sg-db', false)],
    }),
  );
  ec2.script('DescribeSecurityGroupRules', () =>
    ec2Reply.ok('DescribeSecurityGroupRules', {
      securityGroupRuleSet: [
        rule('sgr-1', 'sg-web', 443, '0.0.0.0/0'),
        rule('sgr-2', 'sg-web', 22, '0.0.0.0/0'),
        rule('sgr-3', 'sg-db', 5432, '10.0.0.0/16'),
      ],
    }),
  );
  ec2.script(
    'DescribeFlowLogs',
    ec2Reply.ok('DescribeFlowLogs', {
      flowLogSet: [
        {
          flowLogId: 'fl-1',
          resourceId: 'vpc-1',
          flowLogStatus: 'ACTIVE',
          trafficType: 'REJECT',
          logDestinationType: 'cloud-watch-logs',
        },
      ],
    }),
  );
}

const event = () => ({
  task: { checkId: 'network-configuration' },
  now: NOW,
  runId: 'run-1',
  target: checkTargetOf(resolveTarget(validateConfig({}, 'test configuration'), {})),
  regions: [],
});

const environment = () => ({
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_ENDPOINT_URL_EC2: ec2.url,
  AWS_ENDPOINT_URL_S3: s3.url,
  POWERTOOLS_SERVICE_NAME: 'preflight',
  POWERTOOLS_LOG_LEVEL: 'ERROR',
  REPORT_BUCKET: BUCKET,
  REACH_ROLE_ARN: 'arn:aws:iam::111122223333:role/preflight-reach',
});

/** What one run sent and received: EC2's requests, the object written, the handler's answer. */
interface Observed {
  readonly ec2Calls: Ec2Call[];
  readonly write: ObjectWrite | undefined;
  readonly result: StoredCheckResult;
}

/** Runs `invoke` with the account scripted, and returns what it sent and answered. */
async function observe(invoke: () => Promise<StoredCheckResult>): Promise<Observed> {
  scriptAccount();
  const calls = ec2.calls.length;
  const writes = s3.writes.length;
  const result = await invoke();
  return { ec2Calls: ec2.calls.slice(calls), write: s3.writes[writes], result };
}

/** The bundle's handler in a fresh `node`, with the function's environment as Lambda sets it. */
async function invokeBundle(file: string): Promise<StoredCheckResult> {
  const out = path.join(path.dirname(file), 'result.json');
  const script = `require(${JSON.stringify(file)}).handler(${JSON.stringify(event())}, { awsRequestId: 'local', functionName: 'network' }).then((r) => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(r)))`;
  await run(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH ?? '', NODE_OPTIONS: '--enable-source-maps', ...environment() },
    timeout: 60_000,
  });
  return JSON.parse(readFileSync(out, 'utf8')) as StoredCheckResult;
}

/** The stored result without its timing, which differs from run to run. */
const stored = (write: ObjectWrite | undefined) => {
  const {
    durationMs: _d,
    startedAt: _s,
    ...rest
  } = JSON.parse(write?.body ?? '{}') as Record<string, unknown>;
  return rest;
};

let fromSources: Observed;

beforeAll(async () => {
  ec2 = await LocalEc2Endpoint.start();
  s3 = await localS3();
  // The reference: the handler from the sources, with the SDK's own published build.
  const variables = environment();
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    const { run: runNetwork } = await import('../../../lambdas/handlers/audit/checks/network');
    fromSources = await observe(() => runNetwork(event()));
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}, 60_000);

afterAll(async () => {
  await ec2.close();
  s3.server.closeAllConnections();
  await new Promise((resolve) => s3.server.close(resolve));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const outDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'preflight-bundle-'));
  dirs.push(dir);
  return dir;
};

describe('the shipped bundle, with the SDK schemas’ literal trait keys', () => {
  it('judges the account from the sources: open SSH on a public interface, flow logs of rejected traffic only', () => {
    expect(fromSources.result.counts.FAIL).toBeGreaterThan(0);
    const findings = (stored(fromSources.write).findings ?? []) as { status: string; resource?: string }[];
    expect(findings.length).toBeGreaterThan(1);
    expect(JSON.stringify(findings)).toContain('sg-web');
    expect(JSON.stringify(findings)).toContain('vpc-1');
    expect(fromSources.ec2Calls.map((call) => call.action).sort()).toEqual([
      'DescribeFlowLogs',
      'DescribeNetworkInterfaces',
      'DescribeSecurityGroupRules',
    ]);
  });

  it('sends EC2 and S3 the same requests and reads their answers the same way as the sources', async () => {
    const { file, bytes } = await bundleFunction({
      projectRoot: PROJECT_ROOT,
      entry: ENTRY,
      outDir: outDir(),
    });
    // The transformed bundle: EC2's unused schemas are gone (1098 KiB with them).
    expect(bytes).toBeLessThan(600 * 1024);

    const bundled = await observe(() => invokeBundle(file));

    expect(bundled.ec2Calls).toEqual(fromSources.ec2Calls);
    expect(bundled.write?.method).toBe('PUT');
    expect(bundled.write?.path).toBe(`/${BUCKET}/${fromSources.result.resultKey}`);
    expect(bundled.write?.contentType).toBe('application/json');
    expect({ ...bundled.write, body: stored(bundled.write) }).toEqual({
      ...fromSources.write,
      body: stored(fromSources.write),
    });
    expect(bundled.result).toEqual(fromSources.result);
  }, 120_000);

  it('would differ if the keys were rewritten to the wrong constant: this comparison sees a broken schema', async () => {
    // Every computed key written as the literal of the constant declared just after its own.
    const wrong = (source: string) => {
      const constants = [...source.matchAll(/^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm)];
      const next = new Map(constants.map(([, id], i) => [id, constants[(i + 1) % constants.length]?.[2]]));
      return source.replace(/([{,]\s*)\[(_\w+)\]:/g, (whole, before: string, id: string) =>
        next.has(id) ? `${before}${next.get(id)}:` : whole,
      );
    };
    const dir = outDir();
    const target = { projectRoot: PROJECT_ROOT, entry: ENTRY, outDir: dir };
    await build({ ...bundleOptions(target), plugins: [literalTraitKeysPlugin(wrong)] });

    const broken = await observe(() => invokeBundle(path.join(dir, 'index.js'))).catch(
      (error: unknown) => error,
    );

    expect(broken).not.toEqual(expect.objectContaining({ result: fromSources.result }));
  }, 120_000);
});
