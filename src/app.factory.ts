import 'reflect-metadata';
import { ConsoleLogger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { ledgerValidationPipe } from './http/validation.pipe.js';
import type { Catalogue } from './policy/domain/catalogue.js';

export const apiPrefix = 'api/v1';

/** Builds the HTTP application (not listening yet): used by main.ts and by the end-to-end tests. */
export async function createApp(
  config: AppConfig & { databaseUrl: string },
  catalogue: Catalogue,
  logger: LoggerService | false = new ConsoleLogger({ json: true }),
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, catalogue), { logger, bufferLogs: false });
  app.setGlobalPrefix(apiPrefix, { exclude: ['health'] });
  app.useGlobalPipes(ledgerValidationPipe());
  if (logger) app.use(requestLog(logger));
  SwaggerModule.setup('api/docs', app, openApiDocument(app));
  return app;
}

/** The OpenAPI document, generated from the controllers and DTOs (committed as openapi.json). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Settlement ledger')
      .setDescription('Event-sourced settlement ledger for urban-rural resident basic medical insurance (城乡居民基本医疗保险) and medical assistance (医疗救助). Money in integer fen, ratios in basis points. Errors are application/problem+json.')
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
      logger.log({ message: 'request', method: req.method, path: req.originalUrl, status: res.statusCode, ms }, 'http');
    });
    next();
  };
}
