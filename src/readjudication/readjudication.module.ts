import { Module } from '@nestjs/common';
import { ReadjudicateYearHandler } from './application/readjudicate-year.handler.js';
import { ReadjudicationController } from './http/readjudication.controller.js';

/** Re-adjudication (重新结算): a person's coverage year settled again, decided on the person's stream. */
@Module({ controllers: [ReadjudicationController], providers: [ReadjudicateYearHandler] })
export class ReadjudicationModule {}
