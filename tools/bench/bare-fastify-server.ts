/**
 * The second HTTP ceiling: a bare Fastify server (no Nest) with one POST route that parses the
 * JSON body and answers 201 with a small JSON object: what the HTTP stack alone costs.
 */
import Fastify from 'fastify';

async function main() {
  const app = Fastify({ logger: false });
  app.post<{ Params: { id: string; '*': string }; Body: Record<string, unknown> }>('/coes/:id/*', async (request, reply) => {
    void reply.code(201);
    return { id: request.params.id, revision: Object.keys(request.body).length, state: 'active.designation', allowedEvents: [] };
  });
  app.get('/health', async () => ({ status: 'ok' }));
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  // Exit normally when the bench stops it, so a --cpu-prof run writes its profile.
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}
void main();
