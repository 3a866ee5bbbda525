import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A tiny AWS JSON protocol endpoint on 127.0.0.1 for tests that need the real SDK client:
 * its retry strategy, throttling classification, pagination and deserialisation. Point a
 * client's `endpoint` at `url`, script the replies per operation, then read back the calls.
 * Works for any JSON 1.0/1.1 service (Secrets Manager, SSM, CloudWatch...): only the
 * `X-Amz-Target` prefix and the content type differ.
 */

/** One request the endpoint received. */
export interface AwsJsonCall {
  /** The operation, e.g. `ListSecrets` (the part of `X-Amz-Target` after the dot). */
  readonly operation: string;
  readonly target: string;
  readonly body: Record<string, unknown>;
  /** The query string's parameters (REST services send page sizes and tokens there). */
  readonly query?: Readonly<Record<string, string>>;
}

/** One scripted reply: an HTTP status and a JSON body. */
export interface AwsJsonReply {
  readonly status: number;
  readonly body: unknown;
  /** Sent as is instead of `body`: a reply that is not JSON at all (cut off, HTML from a proxy). */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A reply, or a function that builds one from the call (to echo a token, for instance). */
export type AwsJsonResponder = AwsJsonReply | ((call: AwsJsonCall) => AwsJsonReply);

/** Ready-made replies. */
export const awsJsonReply = {
  ok: (body: unknown): AwsJsonReply => ({ status: 200, body }),
  error: (type: string, message: string, status = 400): AwsJsonReply => ({
    status,
    body: { __type: type, message },
  }),
  /** What AWS answers when a caller exceeds the API rate; the SDK retries it as a throttle. */
  throttle: (message = 'Rate exceeded'): AwsJsonReply => ({
    status: 400,
    body: { __type: 'ThrottlingException', message },
  }),
};

export interface LocalAwsJsonEndpointOptions {
  /** The `X-Amz-Target` prefix, e.g. `secretsmanager`, `AmazonSSM` or `GraniteServiceVersion20100801`. */
  readonly targetPrefix: string;
  /**
   * For a REST JSON service (Amazon Inspector): `METHOD /path` → the operation it is, e.g.
   * `{ 'POST /findings/list': 'ListFindings' }`; the target header is then not read.
   */
  readonly restOperations?: Readonly<Record<string, string>>;
  /** @default '1.1' */
  readonly jsonVersion?: '1.0' | '1.1';
}

/** A local AWS JSON endpoint with scripted replies; start it, use it, close it. */
export class LocalAwsJsonEndpoint {
  /** Every call received, in order. */
  readonly calls: AwsJsonCall[] = [];
  /** The User-Agent header of each call, in the same order. */
  readonly userAgents: string[] = [];
  private readonly scripts = new Map<string, AwsJsonResponder[]>();

  private constructor(
    private readonly server: Server,
    private readonly options: LocalAwsJsonEndpointOptions,
  ) {}

  /** Listens on 127.0.0.1 on a free port. */
  static async start(options: LocalAwsJsonEndpointOptions): Promise<LocalAwsJsonEndpoint> {
    let endpoint: LocalAwsJsonEndpoint | undefined;
    const server = createServer((request, response) => {
      endpoint?.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    endpoint = new LocalAwsJsonEndpoint(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return endpoint;
  }

  /** The base URL to give a client as `endpoint`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Queues replies for `operation`, used one per call in order. */
  script(operation: string, ...replies: AwsJsonResponder[]): this {
    this.scripts.set(operation, [...(this.scripts.get(operation) ?? []), ...replies]);
    return this;
  }

  /** The calls received for one operation. */
  callsTo(operation: string): AwsJsonCall[] {
    return this.calls.filter((call) => call.operation === operation);
  }

  /** Stops listening and drops the SDK's keep-alive connections, so the test can end. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const rest = this.options.restOperations;
    const route = `${request.method} ${(request.url ?? '').split('?')[0]}`;
    const target = rest === undefined ? String(request.headers['x-amz-target'] ?? '') : route;
    const [prefix, operation = ''] =
      rest === undefined
        ? target.split('.')
        : [rest[route] === undefined ? '' : this.options.targetPrefix, rest[route]];
    const query = Object.fromEntries(new URL(request.url ?? '/', 'http://local').searchParams);
    const call: AwsJsonCall = { operation, target, body: raw === '' ? {} : JSON.parse(raw), query };
    this.calls.push(call);
    this.userAgents.push(String(request.headers['user-agent'] ?? ''));
    if (prefix !== this.options.targetPrefix) {
      // Non-retryable on purpose: a wrong client or protocol should fail the test at once.
      return this.send(
        response,
        awsJsonReply.error('UnknownOperationException', `unexpected target ${target}`),
      );
    }
    const next = this.scripts.get(operation)?.shift();
    if (next === undefined) {
      const count = this.callsTo(operation).length;
      return this.send(
        response,
        awsJsonReply.error('UnscriptedCallException', `no reply scripted for ${operation} call ${count}`),
      );
    }
    this.send(response, typeof next === 'function' ? next(call) : next);
  }

  private send(response: ServerResponse, reply: AwsJsonReply): void {
    const body = reply.raw ?? JSON.stringify(reply.body);
    response.writeHead(reply.status, {
      'content-type':
        this.options.restOperations === undefined
          ? `application/x-amz-json-${this.options.jsonVersion ?? '1.1'}`
          : 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': `local-${this.calls.length}`,
      ...reply.headers,
    });
    response.end(body);
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
