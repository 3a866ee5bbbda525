import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback, loopbackUrl } from '../support/loopback-server';
import type { Json } from './account';
import { type Operation, type Params, ServiceError } from './operations';
import { API_GATEWAY_ROUTES } from './operations-apigateway';
import { rateOf } from './rates';
import { ec2ErrorXml, ec2Xml, jsonText, queryErrorXml, queryXml } from './wire';

/*
 * One local HTTP endpoint for every service the audit reads, answering the real SDK clients in each
 * service's protocol. Every reply waits `latencyMs`; every operation has a token bucket at its
 * documented rate (burst: one second's worth), and a call finding it empty gets the throttling error
 * the SDK's retry strategy recognizes, so the adaptive retry path really runs.
 */

/** Calls and throttled replies per `service:Operation`. */
export type CallCounts = Record<string, { calls: number; throttled: number }>;

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export type Protocol = 'json' | 'query' | 'rest' | 'rest-xml';

/** A request as the endpoint understood it. */
export interface Request {
  readonly protocol: Protocol;
  readonly service: string;
  readonly operation: string;
  readonly params: Params;
}

/** AWS JSON 1.0 services (the others speak 1.1). */
const JSON_10 = new Set(['dynamodb', 'monitoring', 'states']);
/** AWS Backup's REST routes used by the audit. */
const REST_ROUTES: Readonly<Record<string, string>> = {
  '/resources': 'ListProtectedResources',
  '/backup-jobs': 'ListBackupJobs',
  '/restore-jobs': 'ListRestoreJobs',
  '/2015-03-31/functions': 'ListFunctions',
};
/** Amazon Inspector's REST routes: POST with the parameters in a JSON body. */
const INSPECTOR_ROUTES: Readonly<Record<string, string>> = {
  '/status/batch/get': 'BatchGetAccountStatus',
  '/coverage/list': 'ListCoverage',
  '/findings/list': 'ListFindings',
};
/** Lambda's per-function routes: the function name is in the path. */
const FUNCTION_CONFIGURATION = /^\/2015-03-31\/functions\/([^/]+)\/configuration$/;
const FUNCTION_URL = /^\/2021-10-31\/functions\/([^/]+)\/url$/;
const FUNCTION_ALIAS = /^\/2015-03-31\/functions\/([^/]+)\/aliases\/([^/]+)$/;

function signingService(request: IncomingMessage): string {
  const auth = String(request.headers.authorization ?? '');
  return /Credential=[^/]+\/\d+\/[^/]+\/([^/]+)\//.exec(auth)?.[1] ?? 'unknown';
}

/** An S3 request, path-style: `GET /` lists the buckets, `GET /<bucket>/?cors` reads one's CORS. */
function s3Request(url: URL): Request {
  const params = Object.fromEntries(url.searchParams);
  const [bucket = ''] = url.pathname.split('/').filter((part) => part !== '');
  const operation =
    bucket === ''
      ? 'ListBuckets'
      : 'cors' in params
        ? 'GetBucketCors'
        : 'location' in params
          ? 'GetBucketLocation'
          : `GET ${url.pathname}`;
  return {
    protocol: 'rest-xml',
    service: 's3',
    operation,
    params: { ...params, Bucket: decodeURIComponent(bucket) },
  };
}

/** The protocol, signing service, operation and parameters of a request. */
export function parse(request: IncomingMessage, body: string): Request {
  const service = signingService(request);
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    return {
      protocol: 'json',
      service,
      operation: target.split('.')[1] ?? '',
      params: body ? JSON.parse(body) : {},
    };
  }
  if (String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
    const params = Object.fromEntries(new URLSearchParams(body));
    return { protocol: 'query', service, operation: String(params.Action), params };
  }
  const url = new URL(request.url ?? '/', 'http://local');
  if (service === 's3') return s3Request(url);
  const inspector = INSPECTOR_ROUTES[url.pathname];
  if (inspector !== undefined) {
    return { protocol: 'rest', service, operation: inspector, params: body ? JSON.parse(body) : {} };
  }
  const fn = FUNCTION_CONFIGURATION.exec(url.pathname);
  if (fn !== null) {
    const FunctionName = decodeURIComponent(fn[1] ?? '');
    return { protocol: 'rest', service, operation: 'GetFunctionConfiguration', params: { FunctionName } };
  }
  const alias = FUNCTION_ALIAS.exec(url.pathname);
  if (alias !== null) {
    const FunctionName = decodeURIComponent(alias[1] ?? '');
    const Name = decodeURIComponent(alias[2] ?? '');
    return { protocol: 'rest', service, operation: 'GetAlias', params: { FunctionName, Name } };
  }
  for (const route of API_GATEWAY_ROUTES) {
    const match = route.pattern.exec(url.pathname);
    if (match === null) continue;
    const inPath = Object.fromEntries(
      route.params.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
    );
    return {
      protocol: 'rest',
      service,
      operation: route.operation,
      params: { ...Object.fromEntries(url.searchParams), ...inPath },
    };
  }
  const fnUrl = FUNCTION_URL.exec(url.pathname);
  if (fnUrl !== null) {
    const FunctionName = decodeURIComponent(fnUrl[1] ?? '');
    return { protocol: 'rest', service, operation: 'GetFunctionUrlConfig', params: { FunctionName } };
  }
  return {
    protocol: 'rest',
    service,
    operation: REST_ROUTES[url.pathname.replace(/\/$/, '')] ?? `${request.method} ${url.pathname}`,
    params: Object.fromEntries(url.searchParams),
  };
}

export interface BenchEndpointOptions {
  readonly operations: Readonly<Record<string, Operation>>;
  /** Added to every reply. */
  readonly latencyMs: number;
  /** Enforce the per-operation rates. */
  readonly throttle: boolean;
}

export class BenchEndpoint {
  private counts: CallCounts = {};
  private buckets = new Map<string, Bucket>();

  private constructor(
    private readonly server: Server,
    private readonly options: BenchEndpointOptions,
  ) {}

  static async start(options: BenchEndpointOptions): Promise<BenchEndpoint> {
    let endpoint: BenchEndpoint | undefined;
    // No request arrives before the endpoint exists: nobody knows the port yet.
    const server = await listenOnLoopback(async (request, response) => endpoint?.handle(request, response));
    endpoint = new BenchEndpoint(server, options);
    return endpoint;
  }

  get url(): string {
    return loopbackUrl(this.server);
  }

  /** Forgets counts and refills every bucket: the next run starts from a quiet account. */
  reset(): void {
    this.counts = {};
    this.buckets.clear();
  }

  /** Counts since the last reset. */
  snapshot(): CallCounts {
    return structuredClone(this.counts);
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  /** Takes a token for `key`, or says the call is throttled. */
  private admit(key: string): boolean {
    if (!this.options.throttle) return true;
    const { perSecond } = rateOf(key);
    const now = performance.now();
    const bucket = this.buckets.get(key) ?? { tokens: perSecond, updatedMs: now };
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.updatedMs) / 1000) * perSecond);
    bucket.updatedMs = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const parsed = parse(request, Buffer.concat(chunks).toString('utf8'));
    const key = `${parsed.service}:${parsed.operation}`;
    const count = this.counts[key] ?? { calls: 0, throttled: 0 };
    this.counts[key] = count;
    count.calls += 1;
    const admitted = this.admit(key);
    if (!admitted) count.throttled += 1;
    const operation = this.options.operations[key];
    const result: Json | ServiceError = !admitted
      ? parsed.service === 'ec2'
        ? new ServiceError('RequestLimitExceeded', 'Request limit exceeded.', 503)
        : parsed.protocol === 'rest-xml'
          ? new ServiceError('SlowDown', 'Please reduce your request rate.', 503)
          : new ServiceError(
              parsed.protocol === 'query' ? 'Throttling' : 'ThrottlingException',
              'Rate exceeded',
            )
      : operation === undefined
        ? new ServiceError('UnknownOperationException', `bench endpoint does not serve ${key}`)
        : operation(parsed.params);
    await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    send(response, parsed, result);
  }
}

/** Writes `result` (or the error) in the request's own protocol. */
export function send(response: ServerResponse, request: Request, result: Json | ServiceError): void {
  const requestId = `bench-${Math.random().toString(36).slice(2)}`;
  const headers: Record<string, string> = { 'x-amzn-requestid': requestId };
  let status = 200;
  let body: string;
  if (request.protocol === 'rest-xml') {
    // S3's error document; a success is the operation's own document.
    headers['content-type'] = 'application/xml';
    if (result instanceof ServiceError) {
      status = result.status;
      body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${result.code}</Code><Message>${result.message}</Message><RequestId>${requestId}</RequestId></Error>`;
    } else {
      body = `<?xml version="1.0" encoding="UTF-8"?>${String(result.__xml)}`;
    }
  } else if (request.protocol === 'query' && request.service === 'ec2') {
    headers['content-type'] = 'text/xml';
    if (result instanceof ServiceError) {
      status = result.status;
      body = ec2ErrorXml(result.code, result.message, requestId);
    } else {
      body = ec2Xml(request.operation, result, requestId);
    }
  } else if (request.protocol === 'query') {
    headers['content-type'] = 'text/xml';
    if (result instanceof ServiceError) {
      status = result.status;
      body = queryErrorXml(result.code, result.message, requestId);
    } else {
      body = queryXml(request.operation, result, requestId);
    }
  } else if (request.protocol === 'json') {
    headers['content-type'] = `application/x-amz-json-${JSON_10.has(request.service) ? '1.0' : '1.1'}`;
    if (result instanceof ServiceError) {
      status = result.status;
      body = jsonText({ __type: result.code, message: result.message });
      // CloudWatch speaks JSON in query-compatible mode: the Query error code travels in a header.
      if (request.service === 'monitoring') {
        headers['x-amzn-query-error'] =
          `${result.code === 'ThrottlingException' ? 'Throttling' : result.code};Sender`;
      }
    } else {
      body = jsonText(result);
    }
  } else {
    headers['content-type'] = 'application/json';
    if (result instanceof ServiceError) {
      status = result.code === 'ThrottlingException' ? 429 : result.status;
      headers['x-amzn-errortype'] = result.code;
      body = jsonText({ message: result.message });
    } else {
      body = jsonText(result);
    }
  }
  headers['content-length'] = String(Buffer.byteLength(body));
  response.writeHead(status, headers);
  response.end(body);
}
