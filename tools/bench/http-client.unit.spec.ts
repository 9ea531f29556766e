import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { runLoad } from './http-client';

/** A server that takes every command but refuses assessments, recording what it was sent. */
async function refusingAssessments(): Promise<{ app: FastifyInstance; url: string; paths: string[] }> {
  const paths: string[] = [];
  const app = Fastify({ logger: false });
  app.post('/coes/:id/*', async (request, reply) => {
    paths.push(request.url);
    return reply.code(request.url.endsWith('/assessments') ? 409 : 201).send({ ok: true });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, paths };
}

describe('the HTTP bench client', () => {
  it('counts a non-2xx answer as a failure, names it, and sends nothing more of that COE', async () => {
    const server = await refusingAssessments();
    try {
      const result = await runLoad({ url: server.url, headers: {}, lanes: 2, coes: 3, prefix: 'c' });
      // Each life stops at its first assessment: application, review, designation, six activities, the refused assessment.
      expect(result.failures).toBe(3);
      expect(result.requests).toBe(3 * 10);
      expect(server.paths.filter((path) => path.endsWith('/advance'))).toEqual([]);
      expect(result.failureSamples[0]).toContain('RecordAssessment');
      expect(result.failureSamples[0]).toContain('409');
    } finally {
      await server.app.close();
    }
  });

  it('paced, still sends every command of every life in order', async () => {
    const server = await refusingAssessments();
    try {
      await runLoad({ url: server.url, headers: {}, lanes: 2, coes: 2, prefix: 'p', ratePerSecond: 2_000 });
      for (const id of ['p-0', 'p-1'])
        expect(server.paths.filter((path) => path.startsWith(`/coes/${id}/`)).map((path) => path.split('/')[3])).toEqual([
          'application',
          'review',
          'designation',
          ...Array(6).fill('activities'),
          'assessments',
        ]);
    } finally {
      await server.app.close();
    }
  });
});
