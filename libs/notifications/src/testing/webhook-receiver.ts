import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as the receiver got it: headers and the raw body (what signatures cover). */
export interface ReceivedRequest {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

/**
 * A real HTTP webhook receiver on 127.0.0.1 for tests: answers `status` (200 unless told
 * otherwise), can be closed (down: connection refused) and reopened on the same port.
 */
export class WebhookReceiver {
  /** Requests it accepted (answered 2xx), in arrival order. */
  readonly received: ReceivedRequest[] = [];
  /** Every request, whatever it answered. */
  hits = 0;
  status = 200;
  private server: Server | undefined;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/apo`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        this.hits += 1;
        if (this.status >= 200 && this.status < 300) this.received.push({ headers: req.headers, rawBody });
        res.writeHead(this.status, { 'content-type': 'text/plain' }).end(this.status < 300 ? 'ok' : 'receiver broken');
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Down: the port refuses connections (kept-alive ones are cut too). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
