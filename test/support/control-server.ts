import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the local control endpoint received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A local HTTP server standing in for the control function URL: it records every request as it
 * arrived on the wire and answers with the status and JSON body the test sets.
 */
export class LocalControlEndpoint {
  readonly received: ReceivedRequest[] = [];
  private reply: { status: number; body: unknown } = { status: 200, body: { message: 'done' } };
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      this.received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(this.reply.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(this.reply.body));
    });
  });

  /** Listens on a free port of 127.0.0.1. */
  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  /** What the next requests are answered with. */
  answer(status: number, body: unknown): void {
    this.reply = { status, body };
  }

  reset(): void {
    this.received.length = 0;
    this.answer(200, { message: 'done' });
  }
}
