import 'reflect-metadata';
import { ConsoleLogger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import {
  bodyBytesMax,
  bodyDiscipline,
  isJsonMediaType,
  jsonBodiesOnly,
} from './http/body-discipline.js';
import { exactJsonResponses } from './http/exact-json.js';
import { reconciliationBodies } from './reconciliation/http/reconciliation-bodies.js';
import { ledgerPipes } from './http/validation.pipe.js';
import type { Catalogue } from './policy/domain/catalogue.js';
import { metricsToken, type LedgerMetrics } from './metrics/ledger-metrics.js';

export const apiPrefix = 'api/v1';

/** Builds the HTTP application (not listening yet): used by main.ts and by the end-to-end tests. */
export async function createApp(
  config: AppConfig & { databaseUrl: string },
  catalogue: Catalogue,
  logger: LoggerService | false = new ConsoleLogger({ json: true }),
): Promise<INestApplication> {
  // Nest's default parsers would also read forms; only JSON is read, at most 1 MiB (API.md 1.1).
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, catalogue),
    { logger, bufferLogs: false, bodyParser: false },
  );
  app.setGlobalPrefix(apiPrefix, { exclude: ['health', 'metrics'] });
  app.use(app.get<typeof metricsToken, LedgerMetrics>(metricsToken).httpMiddleware());
  if (logger) app.use(requestLog(logger));
  app.use(exactJsonResponses());
  app.use(reconciliationBodies(apiPrefix));
  app.use(jsonBodiesOnly());
  app.useBodyParser('json', {
    limit: bodyBytesMax,
    type: (req) => isJsonMediaType(req.headers['content-type']),
  });
  app.use(bodyDiscipline());
  app.useGlobalPipes(...ledgerPipes());
  SwaggerModule.setup('api/docs', app, openApiDocument(app));
  return app;
}

/** The OpenAPI document, generated from the controllers and DTOs (committed as openapi.json). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Settlement ledger')
      .setDescription(
        'Event-sourced settlement ledger for urban-rural resident basic medical insurance (城乡居民基本医疗保险) and medical assistance (医疗救助). Money in integer fen, ratios in basis points. Errors are application/problem+json.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

function requestLog(logger: LoggerService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      logger.log(
        {
          message: 'request',
          method: req.method,
          path: req.originalUrl,
          status: res.statusCode,
          ms,
        },
        'http',
      );
    });
    next();
  };
}
