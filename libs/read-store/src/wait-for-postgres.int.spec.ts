import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { openReadStore } from './open-read-store';
import { ReadStoreError } from './read-store-error';
import { dropSchema, postgresAvailable, TEST_PG_URL, testSchemaName } from './testing';

/** A port nothing listens on (bound, read, released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

/** A TCP proxy on `port` to the test PostgreSQL: a database that "comes up" when it opens. */
async function openProxy(port: number): Promise<{ close(): Promise<void> }> {
  const target = new URL(TEST_PG_URL);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return {
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((done) => server.close(done));
    },
  };
}

const through = (port: number) => {
  const url = new URL(TEST_PG_URL);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
};

describe('opening a PostgreSQL read store waits for the server (READ_STORE_CONNECT_TIMEOUT_MS)', () => {
  it('gives up after the wait with READ_STORE_UNREACHABLE naming the server, the attempts and the last error', async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = await openReadStore({ url: `postgres://apo:s3cret@127.0.0.1:${port}/apo`, connectTimeoutMs: 1_500 }).catch((e: unknown) => e);
    const waited = Date.now() - started;
    expect(error).toBeInstanceOf(ReadStoreError);
    expect((error as ReadStoreError).code).toBe('READ_STORE_UNREACHABLE');
    const message = (error as Error).message;
    expect(message).toContain(`127.0.0.1:${port}`);
    expect(message).toMatch(/after \d+ ms \((\d+) attempts, READ_STORE_CONNECT_TIMEOUT_MS=1500\)/);
    expect(Number(/\((\d+) attempts/.exec(message)?.[1])).toBeGreaterThan(2);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('s3cret');
    // Bounded: it waited the whole wait, and not much longer.
    expect(waited).toBeGreaterThanOrEqual(1_500);
    expect(waited).toBeLessThan(4_000);
  });

  it('without a wait (the default for library callers) one refused attempt fails at once', async () => {
    const port = await closedPort();
    const started = Date.now();
    await expect(openReadStore({ url: `postgres://apo@127.0.0.1:${port}/apo` })).rejects.toMatchObject({ code: 'READ_STORE_UNREACHABLE' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  const withPostgres = postgresAvailable('wait-for-postgres (a server that comes up late)') ? it : it.skip;

  withPostgres('opens once a server that comes up within the wait answers', async () => {
    const port = await closedPort();
    const schema = testSchemaName();
    let proxy: { close(): Promise<void> } | undefined;
    const late = setTimeout(() => {
      void openProxy(port).then((opened) => (proxy = opened));
    }, 1_200);
    try {
      const store = await openReadStore({ url: through(port), schema, connectTimeoutMs: 15_000 });
      expect(proxy).toBeDefined();
      expect(store.dialect).toBe('postgres');
      await store.close();
    } finally {
      clearTimeout(late);
      await proxy?.close();
      await dropSchema(schema);
    }
  });

  withPostgres('a database that does not exist fails at once: no wait mends it', async () => {
    const url = new URL(TEST_PG_URL);
    url.pathname = '/apo_no_such_database';
    const started = Date.now();
    await expect(openReadStore({ url: url.toString(), connectTimeoutMs: 10_000 })).rejects.toThrow(/1 attempt,[\s\S]*apo_no_such_database/);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
