import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ProjectorEndpoints {
  /** The JSON of /health and whether it is healthy (200) or not (503). */
  health(): Promise<{ healthy: boolean; body: unknown }>;
  /** Prometheus text of /metrics. */
  metrics(): Promise<string>;
}

/** `GET /health` and `GET /metrics` on plain node:http; anything else is 404 (405 for other methods). */
export async function serveProjector(host: string, port: number, endpoints: ProjectorEndpoints): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => void answer(request, response, endpoints));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}` };
}

async function answer(request: IncomingMessage, response: ServerResponse, endpoints: ProjectorEndpoints): Promise<void> {
  const path = (request.url ?? '/').split('?')[0];
  const send = (status: number, type: string, body: string) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  try {
    if (path !== '/health' && path !== '/metrics')
      return send(404, 'application/json', JSON.stringify({ status: 404, detail: 'only /health and /metrics are served here' }));
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'application/json', JSON.stringify({ status: 405, detail: 'GET only' }));
    if (path === '/metrics') return send(200, 'text/plain; version=0.0.4', await endpoints.metrics());
    const { healthy, body } = await endpoints.health();
    return send(healthy ? 200 : 503, 'application/json', JSON.stringify(body));
  } catch (error) {
    send(500, 'application/json', JSON.stringify({ status: 500, detail: error instanceof Error ? error.message : 'error' }));
  }
}
