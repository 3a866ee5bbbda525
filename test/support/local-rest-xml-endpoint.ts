import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A tiny REST-XML endpoint on 127.0.0.1 for tests that need the real client of a REST-XML service
 * (S3, CloudFront): its retry strategy, throttling classification, pagination and XML parsing.
 * Each request is named by the test's `operationOf` (method, path, query), and answered with the
 * next reply scripted for that name.
 */

/** One request the endpoint received. */
export interface RestXmlCall {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The region the request was signed for (SigV4's credential scope). */
  readonly signedRegion?: string;
}

/** One scripted reply: an HTTP status and the XML document. */
export interface RestXmlReply {
  readonly status: number;
  readonly xml: string;
}

export type RestXmlResponder = RestXmlReply | ((call: RestXmlCall) => RestXmlReply);

export const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Ready-made replies. */
export const restXmlReply = {
  ok: (xml: string): RestXmlReply => ({ status: 200, xml: `<?xml version="1.0" encoding="UTF-8"?>${xml}` }),
  /** S3's error document. */
  s3Error: (code: string, message: string, status: number): RestXmlReply => ({
    status,
    xml: `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>local</RequestId></Error>`,
  }),
  /** CloudFront's (and other REST-XML services') error document. */
  errorResponse: (code: string, message: string, status: number): RestXmlReply => ({
    status,
    xml: `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>local</RequestId></ErrorResponse>`,
  }),
};

/** A local REST-XML endpoint with scripted replies; start it, use it, close it. */
export class LocalRestXmlEndpoint {
  readonly calls: RestXmlCall[] = [];
  private readonly scripts = new Map<string, RestXmlResponder[]>();

  private constructor(
    private readonly server: Server,
    private readonly operationOf: (request: Pick<RestXmlCall, 'method' | 'path' | 'query'>) => string,
  ) {}

  static async start(
    operationOf: (request: Pick<RestXmlCall, 'method' | 'path' | 'query'>) => string,
  ): Promise<LocalRestXmlEndpoint> {
    let endpoint: LocalRestXmlEndpoint | undefined;
    const server = createServer((request, response) => {
      endpoint?.handle(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
    });
    endpoint = new LocalRestXmlEndpoint(server, operationOf);
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

  /** Queues replies for `operation`, used one per call in order. */
  script(operation: string, ...replies: RestXmlResponder[]): this {
    this.scripts.set(operation, [...(this.scripts.get(operation) ?? []), ...replies]);
    return this;
  }

  callsTo(operation: string): RestXmlCall[] {
    return this.calls.filter((call) => call.operation === operation);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for await (const _ of request) {
      // Drained: the operations these tests answer carry no body worth reading.
    }
    const url = new URL(request.url ?? '/', 'http://local');
    const seen = {
      method: request.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
    };
    const signedRegion = /Credential=[^/]+\/\d+\/([^/]+)\//.exec(
      String(request.headers.authorization ?? ''),
    )?.[1];
    const call: RestXmlCall = {
      ...seen,
      operation: this.operationOf(seen),
      ...(signedRegion === undefined ? {} : { signedRegion }),
    };
    this.calls.push(call);
    const next = this.scripts.get(call.operation)?.shift();
    const reply =
      next === undefined
        ? restXmlReply.s3Error('UnscriptedCall', `no reply scripted for ${call.operation}`, 400)
        : typeof next === 'function'
          ? next(call)
          : next;
    response.writeHead(reply.status, {
      'content-type': 'application/xml',
      'content-length': Buffer.byteLength(reply.xml),
      'x-amz-request-id': 'local',
    });
    response.end(reply.xml);
  }
}
