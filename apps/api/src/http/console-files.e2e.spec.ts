import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { serveConsole } from './console-files';

describe('the console files the API serves', () => {
  const root = mkdtempSync(join(tmpdir(), 'console-files-'));
  let fastify: FastifyInstance;

  beforeAll(async () => {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>APO console</title>');
    writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
    fastify = Fastify();
    await serveConsole(fastify, root);
    await fastify.ready();
  });

  afterAll(async () => {
    await fastify.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers the index for /, /console and every page under /console/, and the hashed assets cached for a year', async () => {
    for (const url of ['/', '/console', '/console/coes/th-1?offset=25']) {
      const reply = await fastify.inject({ method: 'GET', url });
      expect({ url, status: reply.statusCode, body: reply.body, cache: reply.headers['cache-control'] }).toEqual({
        url,
        status: 200,
        body: '<!doctype html><title>APO console</title>',
        cache: 'no-cache',
      });
    }
    const asset = await fastify.inject({ method: 'GET', url: '/console/assets/index-abc.js' });
    expect([asset.statusCode, asset.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
  });

  it('refuses a failed precondition (If-Match of another version) as problem+json, not the file server’s own JSON', async () => {
    for (const url of ['/', '/console/assets/index-abc.js']) {
      const reply = await fastify.inject({ method: 'GET', url, headers: { 'if-match': '"3"' } });
      expect({ url, status: reply.statusCode, type: reply.headers['content-type'] }).toEqual({
        url,
        status: 412,
        type: expect.stringMatching(/^application\/problem\+json/),
      });
      expect(reply.json()).toMatchObject({ status: 412, code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/), instance: url });
    }
  });
});
