import { Module } from '@nestjs/common';
import { InstitutionHistoryQuery } from '../../projections/alerts/institution-history.query.js';
import { InstitutionsController } from './http/institutions.controller.js';

@Module({ controllers: [InstitutionsController], providers: [InstitutionHistoryQuery] })
export class InstitutionsModule {}
