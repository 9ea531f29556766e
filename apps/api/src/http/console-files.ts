import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendProblem } from './problem-details.filter';

/**
 * Where `npm run build` put the console: dist/console beside the compiled API (`npm start`), or
 * under the repository's dist/ when the API runs from its TypeScript sources. Undefined: not built.
 */
export function consoleDirectory(configured?: string): string | undefined {
  const candidates = configured ? [resolve(configured)] : [resolve(__dirname, '../../../../console'), resolve(__dirname, '../../../../dist/console')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/**
 * The console's files under /console/ (hashed assets cached for a year, brotli or gzip when the
 * browser takes it), and its index.html for / and every other GET under /console/ (the app's own
 * pages, so a reload or a bookmark of /console/coes/x works). API routes are not touched.
 */
export async function serveConsole(fastify: FastifyInstance, root: string): Promise<void> {
  const logger = new Logger('Console');
  await fastify.register(async (scope) => {
    // Refusals of the file server (a precondition that fails, a range it cannot serve) are problems like every other answer.
    scope.setErrorHandler((error, request, reply) => sendProblem(reply, request, error, logger));
    await scope.register(fastifyStatic, {
      root,
      prefix: '/console/',
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const sendIndex = (_request: unknown, reply: FastifyReply) => reply.header('cache-control', 'no-cache').sendFile('index.html');
    scope.get('/', sendIndex);
    scope.get('/console', sendIndex);
    scope.get('/console/*', sendIndex);
    // A script or style sheet that is not there is a 404, not the app's index.
    scope.get('/console/assets/*', (_request, reply) => reply.callNotFound());
  });
}
