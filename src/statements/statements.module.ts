import { Module } from '@nestjs/common';
import { StatementsQuery } from '../../projections/postings/statements.query.js';
import { StatementsController } from './http/statements.controller.js';

@Module({ controllers: [StatementsController], providers: [StatementsQuery] })
export class StatementsModule {}
