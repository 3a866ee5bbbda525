import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../lambdas/core/config/validate';
import { resolveTarget } from '../../../lambdas/core/services/resolve';
import { checkTargetOf } from '../../../lambdas/core/services/target';
import type { StoredCheckResult } from '../../../lambdas/handlers/audit/contract';
import { checkFunctionEntry } from '../../../lib/audit/check-functions';
import { bundleFunction } from '../../../lib/bundling/bundle';
import { literalTraitKeysPlugin } from '../../../lib/bundling/literal-trait-keys';
import { compactModeledErrors, modeledErrorsPlugin } from '../../../lib/bundling/modeled-errors';
import { bundleOptions } from '../../../lib/bundling/options';
import { packageVersionPlugin } from '../../../lib/bundling/package-version';
import { PROJECT_ROOT } from '../../../lib/preflight-function';
import { awsJsonReply, LocalAwsJsonEndpoint } from '../../support/local-aws-endpoint';
import { type Ec2Call, ec2Reply, LocalEc2Endpoint } from '../../support/local-ec2-endpoint';
import { LocalRestXmlEndpoint, restXmlReply } from '../../support/local-rest-xml-endpoint';

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
  // A load balancer node with a public address and a database's interface: neither needs the load
  // balancer's scheme (ELB), which this comparison of EC2 and S3 does not serve.
  const eni = (id: string, group: string, publicIp: boolean, description: string) => ({
    networkInterfaceId: id,
    ownerId: '111122223333',
    vpcId: 'vpc-1',
    description,
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
      networkInterfaceSet: [
        eni('eni-1', 'sg-web', true, 'ELB app/web/50dc6c495c0c9188'),
        eni('eni-2', 'sg-db', false, 'RDSNetworkInterface'),
      ],
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

/*
 * The modelled exception classes and the clients' package.json are rewritten at bundling too, for
 * every client. One client of each protocol (Query, JSON 1.0, JSON 1.1, REST JSON, REST XML), bundled
 * as a function is bundled, is answered by local endpoints with success, a modelled error that
 * Preflight's code branches on by name, a throttle the SDK retries, and throttles until it gives up.
 * What each call returned or threw, what reached the endpoints, and the client's version in the
 * User-Agent must be what the same module does from the sources with the SDK as published.
 */
describe('the shipped bundle, with the SDK’s modelled errors and package versions rewritten', () => {
  const FIXTURE = 'test/lib/bundling/fixtures/sdk-protocols.ts';
  let query: LocalRestXmlEndpoint;
  let restXml: LocalRestXmlEndpoint;
  let json10: LocalAwsJsonEndpoint;
  let json11: LocalAwsJsonEndpoint;
  let restJson: LocalAwsJsonEndpoint;
  let reference: Record<string, Record<string, unknown>[]>;
  let referenceAgents: string[];

  const endpoints = () => ({
    query: query.url,
    json10: json10.url,
    json11: json11.url,
    restJson: restJson.url,
    restXml: restXml.url,
  });

  /** Each endpoint's four answers: success; a modelled error; a throttle, then success; throttles only. */
  function scriptReplies(): void {
    const rds = restXmlReply.ok(
      '<DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><DescribeDBInstancesResult><DBInstances><DBInstance><DBInstanceIdentifier>db-1</DBInstanceIdentifier><Engine>postgres</Engine><StorageEncrypted>true</StorageEncrypted><InstanceCreateTime>2026-01-02T03:04:05Z</InstanceCreateTime></DBInstance></DBInstances></DescribeDBInstancesResult><ResponseMetadata><RequestId>local</RequestId></ResponseMetadata></DescribeDBInstancesResponse>',
    );
    const rdsThrottle = restXmlReply.errorResponse('Throttling', 'Rate exceeded', 400);
    query.script(
      'query',
      rds,
      // The Query protocol's wire code, which the SDK maps to the modelled DBInstanceNotFoundFault.
      restXmlReply.errorResponse('DBInstanceNotFound', 'DBInstance db-1 not found.', 404),
      rdsThrottle,
      rds,
      rdsThrottle,
      rdsThrottle,
      rdsThrottle,
    );
    const table = awsJsonReply.ok({
      Table: { TableName: 'history', TableStatus: 'ACTIVE', CreationDateTime: 1767323045, ItemCount: 3 },
    });
    json10.script(
      'DescribeTable',
      table,
      awsJsonReply.error(
        'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
        'Requested resource not found',
      ),
      awsJsonReply.throttle(),
      table,
      awsJsonReply.throttle(),
      awsJsonReply.throttle(),
      awsJsonReply.throttle(),
    );
    const parameter = awsJsonReply.ok({
      Parameter: {
        Name: '/app/flag',
        Type: 'String',
        Value: 'on',
        Version: 4,
        LastModifiedDate: 1767323045.5,
      },
    });
    json11.script(
      'GetParameter',
      parameter,
      awsJsonReply.error('ParameterNotFound', 'Parameter /app/flag not found'),
      awsJsonReply.throttle(),
      parameter,
      awsJsonReply.throttle(),
      awsJsonReply.throttle(),
      awsJsonReply.throttle(),
    );
    const fn = awsJsonReply.ok({
      Configuration: {
        FunctionName: 'fn-1',
        Runtime: 'nodejs24.x',
        MemorySize: 512,
        LastModified: '2026-01-02T03:04:05.000+0000',
      },
    });
    const tooMany = awsJsonReply.error('TooManyRequestsException', 'Rate exceeded', 429);
    restJson.script(
      'GetFunction',
      fn,
      awsJsonReply.error('ResourceNotFoundException', 'Function not found: fn-1', 404),
      tooMany,
      fn,
      tooMany,
      tooMany,
      tooMany,
    );
    const list = restXmlReply.ok(
      '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>reports</Name><Prefix>runs/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated><Contents><Key>runs/1.json</Key><Size>42</Size><LastModified>2026-01-02T03:04:05.000Z</LastModified><ETag>"e"</ETag></Contents></ListBucketResult>',
    );
    const slowDown = restXmlReply.s3Error('SlowDown', 'Please reduce your request rate.', 503);
    restXml.script(
      'ListObjectsV2',
      list,
      restXmlReply.s3Error('NoSuchBucket', 'The specified bucket does not exist', 404),
      slowDown,
      list,
      slowDown,
      slowDown,
      slowDown,
    );
  }

  /** What the endpoints received since `from`, with the User-Agent's API and version (api/<id>#<version>). */
  const received = (from: { rest: number; json: number[] }) => ({
    query: query.calls.slice(from.rest).map(({ method, path: p }) => ({ method, path: p })),
    restXml: restXml.calls
      .slice(from.rest)
      .map(({ method, path: p, query: q }) => ({ method, path: p, query: q })),
    json: [json10, json11, restJson].map((endpoint, i) =>
      endpoint.calls.slice(from.json[i]).map(({ operation, body, query: q }, j) => ({
        operation,
        body,
        query: q,
        api: /\bapi\/\S+/.exec(endpoint.userAgents[(from.json[i] ?? 0) + j] ?? '')?.[0],
      })),
    ),
  });
  const mark = () => ({
    rest: restXml.calls.length,
    json: [json10, json11, restJson].map((e) => e.calls.length),
  });

  /** The fixture, bundled with `plugins` in place of the shipped ones when given, run in a fresh node. */
  async function runBundled(plugins?: Plugin[]): Promise<unknown> {
    const dir = outDir();
    const target = { projectRoot: PROJECT_ROOT, entry: FIXTURE, outDir: dir };
    await build({ ...bundleOptions(target), ...(plugins === undefined ? {} : { plugins }) });
    const out = path.join(dir, 'observed.json');
    const code = `require(${JSON.stringify(path.join(dir, 'index.js'))}).observeProtocols(${JSON.stringify(endpoints())}).then((r) => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(r)))`;
    scriptReplies();
    await run(process.execPath, ['-e', code], {
      env: { PATH: process.env.PATH ?? '', AWS_EC2_METADATA_DISABLED: 'true' },
      timeout: 60_000,
    });
    return JSON.parse(readFileSync(out, 'utf8'));
  }

  beforeAll(async () => {
    const s3Operation = ({ query: q }: { query: Readonly<Record<string, string>> }) =>
      q['list-type'] === '2' ? 'ListObjectsV2' : 'unexpected';
    [query, restXml, json10, json11, restJson] = await Promise.all([
      LocalRestXmlEndpoint.start(() => 'query'),
      LocalRestXmlEndpoint.start(s3Operation),
      LocalAwsJsonEndpoint.start({ targetPrefix: 'DynamoDB_20120810', jsonVersion: '1.0' }),
      LocalAwsJsonEndpoint.start({ targetPrefix: 'AmazonSSM' }),
      LocalAwsJsonEndpoint.start({
        targetPrefix: 'lambda',
        restOperations: { 'GET /2015-03-31/functions/fn-1': 'GetFunction' },
      }),
    ]);
    scriptReplies();
    const { observeProtocols } = await import('./fixtures/sdk-protocols');
    reference = (await observeProtocols(endpoints())) as typeof reference;
    referenceAgents = [json10, json11, restJson].flatMap((e) => e.userAgents);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([query, restXml, json10, json11, restJson].map((endpoint) => endpoint?.close()));
  });

  it('sees from the sources each protocol’s success, modelled error by its modelled name, retried throttle and exhausted throttle', () => {
    const at = (protocol: string, i: number) => reference[protocol]?.[i] ?? {};
    for (const protocol of ['query', 'json10', 'json11', 'restJson', 'restXml']) {
      expect(at(protocol, 0), protocol).toMatchObject({ threw: false, attempts: 1 });
      expect(at(protocol, 1), protocol).toMatchObject({ threw: true, attempts: 1, fault: 'client' });
      expect(at(protocol, 2), protocol).toMatchObject({ threw: false, attempts: 2 });
      expect(at(protocol, 3), protocol).toMatchObject({
        threw: true,
        attempts: 3,
        classified: { kind: 'throttled' },
      });
    }
    // The names Preflight's code branches on: the modelled shape's, not the Query protocol's wire code.
    expect(at('query', 1)).toMatchObject({
      name: 'DBInstanceNotFoundFault',
      classified: { kind: 'not-found' },
    });
    expect(at('json10', 1)).toMatchObject({
      name: 'ResourceNotFoundException',
      classified: { kind: 'not-found' },
    });
    expect(at('json11', 1)).toMatchObject({ name: 'ParameterNotFound', classified: { kind: 'not-found' } });
    expect(at('restJson', 1)).toMatchObject({ name: 'ResourceNotFoundException', httpStatusCode: 404 });
    expect(at('restXml', 1)).toMatchObject({ name: 'NoSuchBucket', classified: { kind: 'not-found' } });
    expect(at('restXml', 3)).toMatchObject({ name: 'SlowDown', fault: 'server', httpStatusCode: 503 });
    expect(referenceAgents.every((agent) => /\bapi\/\S+#\d+\.\d+\.\d+/.test(agent))).toBe(true);
  });

  it('returns and throws exactly what the sources do, and sends the same requests with each client’s own version', async () => {
    const from = mark();
    const bundled = await runBundled();
    const sent = received(from);
    expect(bundled).toEqual(reference);
    // The same requests as the reference run's (which came first, from 0), one for one.
    const first = received({ rest: 0, json: [0, 0, 0] });
    const withoutApi = (calls: { api?: string }[][]) =>
      calls.map((c) => c.map(({ api: _a, ...call }) => call));
    expect(sent.restXml).toEqual(first.restXml.slice(0, sent.restXml.length));
    expect(sent.query).toEqual(first.query.slice(0, sent.query.length));
    expect(withoutApi(sent.json)).toEqual(
      withoutApi(first.json.map((calls, i) => calls.slice(0, sent.json[i]?.length))),
    );
    // The version each client names is its package.json's, as the ES module build reads it whole. (The
    // published CommonJS build, which the sources run on here, writes its own copy, which can lag: it
    // said 3.1163.0 for client-lambda 3.1164.0.)
    const version = (client: string) =>
      (
        JSON.parse(
          readFileSync(path.join(PROJECT_ROOT, 'node_modules', '@aws-sdk', client, 'package.json'), 'utf8'),
        ) as { version: string }
      ).version;
    const expected = [
      `api/dynamodb#${version('client-dynamodb')}`,
      `api/ssm#${version('client-ssm')}`,
      `api/lambda#${version('client-lambda')}`,
    ];
    expect(sent.json.map((calls) => [...new Set(calls.map((call) => call.api))])).toEqual(
      expected.map((api) => [api]),
    );
  }, 120_000);

  it('would differ if each modelled exception were given the next one’s name: this comparison sees a wrong rewrite', async () => {
    const wrong = (source: string) => {
      const compact = compactModeledErrors(source);
      const names = [...compact.matchAll(/__modeledError\(__BaseException, [^,]+, ("\w+")/g)].map(
        ([, n]) => n,
      );
      let i = 0;
      return compact.replace(/(__modeledError\(__BaseException, [^,]+, )("\w+")/g, (_, head: string) => {
        i += 1;
        return `${head}${names[i % names.length]}`;
      });
    };
    const broken = await runBundled([
      literalTraitKeysPlugin(),
      modeledErrorsPlugin(wrong),
      packageVersionPlugin(),
    ]);
    expect(broken).not.toEqual(reference);
  }, 120_000);
});
