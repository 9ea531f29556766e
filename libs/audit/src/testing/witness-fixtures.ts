import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatCheckpoint, generateNoteKeys, signNote } from '@apo/transparency-log';

/** Signs checkpoints of one test log (origin `apo.test/witness-log` unless told). */
export function checkpointSigner(origin = 'apo.test/witness-log') {
  const keys = generateNoteKeys(origin);
  return {
    origin,
    verifierKey: keys.verifierKey,
    /** The signed note of tree size `treeSize` (its root derived from the size and `salt`, so two salts fork). */
    note(treeSize: number, salt = ''): string {
      const rootHash = createHash('sha256').update(`${origin} ${treeSize} ${salt}`).digest();
      return signNote(formatCheckpoint({ origin, size: treeSize, rootHash }), [keys.signerKey]);
    },
  };
}

/** One POST a witness receiver got: headers and the raw body. */
export interface WitnessRequest {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
}

/** What the receiver does with one request: answer a status and body, after a delay. */
export interface WitnessAnswer {
  readonly status: number;
  readonly body?: string;
  readonly delayMs?: number;
}

/**
 * A real HTTP witness on 127.0.0.1 for tests. `answer` decides each reply (default: 200 with
 * no body); every request is recorded, whatever it was answered.
 */
export class WitnessReceiver {
  readonly requests: WitnessRequest[] = [];
  answer: (request: WitnessRequest, index: number) => WitnessAnswer = () => ({ status: 200 });
  private server: Server | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  get url(): string {
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/witness`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const request = { headers: req.headers, rawBody: Buffer.concat(chunks).toString('utf8') };
        const index = this.requests.push(request) - 1;
        const { status, body, delayMs } = this.answer(request, index);
        const reply = () => {
          if (!res.destroyed) res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body ?? '');
        };
        if (!delayMs) return reply();
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          reply();
        }, delayMs);
        this.timers.add(timer);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
