import 'reflect-metadata';
import { createServer } from 'node:http';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';

// The machine's HTTP ceiling for the settlement bench: a server that reads a JSON body and answers
// a small JSON object, doing nothing else, run in its own process like the service. `node`: Node's
// own http module; `nest`: NestJS on the platform the service uses (Express), one controller. What
// it answers per second with the bench's clients bounds what any settlement over HTTP can reach on
// this machine. Started by bench/noop-http-ceiling.ts with the kind as its argument.

@Controller('api/v1/claims')
class NoopClaimsController {
  @Post()
  @HttpCode(201)
  settle(@Body() body: Record<string, unknown>): Record<string, unknown> {
    return { claimId: 'noop', received: Object.keys(body).length };
  }
}

@Module({ controllers: [NoopClaimsController] })
class NoopModule {}

async function listen(kind: string): Promise<number> {
  if (kind === 'nest') {
    const app = await NestFactory.create(NoopModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    return (app.getHttpServer().address() as AddressInfo).port;
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const answer = JSON.stringify({ claimId: 'noop', received: Object.keys(body).length });
      res.writeHead(201, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(answer),
      });
      res.end(answer);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

listen(process.argv[2] ?? 'node').then(
  (port) => process.send?.({ port }),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
