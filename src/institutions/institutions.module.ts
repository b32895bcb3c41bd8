import { Module } from '@nestjs/common';
import { InstitutionHistoryQuery } from '../../projections/alerts/institution-history.query.js';
import { InstitutionRepository } from './application/institution.repository.js';
import { RecordInstitutionHandler } from './application/record-institution.handler.js';
import { InstitutionsController } from './http/institutions.controller.js';

@Module({
  controllers: [InstitutionsController],
  providers: [InstitutionHistoryQuery, InstitutionRepository, RecordInstitutionHandler],
  exports: [InstitutionRepository],
})
export class InstitutionsModule {}
