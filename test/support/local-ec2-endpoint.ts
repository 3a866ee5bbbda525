import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A tiny EC2 Query protocol endpoint on 127.0.0.1 for tests that need the real EC2 client: its
 * retry strategy, throttling classification (RequestLimitExceeded), pagination and XML parsing.
 * Requests are form-encoded (`Action=...`); replies are EC2's XML, built from plain objects
 * (an array becomes `<item>` elements, as EC2 writes its sets).
 */

/** One request the endpoint received: the action and its form parameters. */
export interface Ec2Call {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
}

/** One scripted reply: an HTTP status and the XML document. */
export interface Ec2Reply {
  readonly status: number;
  readonly xml: string;
}

export type Ec2Responder = Ec2Reply | ((call: Ec2Call) => Ec2Reply);

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function toXml(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => `<item>${toXml(item)}</item>`).join('');
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([key, v]) => `<${key}>${toXml(v)}</${key}>`)
      .join('');
  }
  return escapeXml(String(value));
}

/** Ready-made replies. */
export const ec2Reply = {
  /** `<{Action}Response>` with the given members (camelCase, as EC2 writes them). */
  ok: (action: string, members: Record<string, unknown>): Ec2Reply => ({
    status: 200,
    xml: `<?xml version="1.0" encoding="UTF-8"?><${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>local</requestId>${toXml(members)}</${action}Response>`,
  }),
  error: (code: string, message: string, status = 400): Ec2Reply => ({
    status,
    xml: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>local</RequestID></Response>`,
  }),
  /** What EC2 answers over its API rate; the SDK retries it as a throttle. */
  throttle: (): Ec2Reply => ec2Reply.error('RequestLimitExceeded', 'Request limit exceeded.', 503),
  denied: (): Ec2Reply =>
    ec2Reply.error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403),
};

/** A local EC2 endpoint with scripted replies; start it, use it, close it. */
export class LocalEc2Endpoint {
  readonly calls: Ec2Call[] = [];
  private readonly scripts = new Map<string, Ec2Responder[]>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<LocalEc2Endpoint> {
    let endpoint: LocalEc2Endpoint | undefined;
    const server = createServer((request, response) => {
      endpoint?.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    endpoint = new LocalEc2Endpoint(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return endpoint;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Queues replies for `action`, used one per call in order. */
  script(action: string, ...replies: Ec2Responder[]): this {
    this.scripts.set(action, [...(this.scripts.get(action) ?? []), ...replies]);
    return this;
  }

  callsTo(action: string): Ec2Call[] {
    return this.calls.filter((call) => call.action === action);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const call: Ec2Call = { action: params.Action ?? '', params };
    this.calls.push(call);
    const next = this.scripts.get(call.action)?.shift();
    const reply =
      next === undefined
        ? ec2Reply.error('UnscriptedCall', `no reply scripted for ${call.action}`)
        : typeof next === 'function'
          ? next(call)
          : next;
    response.writeHead(reply.status, {
      'content-type': 'text/xml;charset=UTF-8',
      'content-length': Buffer.byteLength(reply.xml),
    });
    response.end(reply.xml);
  }
}
