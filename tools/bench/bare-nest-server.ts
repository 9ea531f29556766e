/**
 * The HTTP ceiling: a bare NestJS + Fastify app with one POST route that parses the JSON body
 * and answers a small JSON object — the framework's own cost with no engine behind it.
 */
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller('coes')
class BareController {
  @Post(':id/:kind')
  @HttpCode(200)
  record(@Param('id') id: string, @Param('kind') _kind: string, @Body() body: Record<string, unknown>) {
    return { id, revision: Object.keys(body).length, state: 'active.designation', allowedEvents: [] };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main() {
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  process.stdout.write(`listening ${JSON.stringify(app.getHttpServer().address())}\n`);
  // Exit normally when the bench stops it, so a --cpu-prof run writes its profile.
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}
void main();
