import { Module } from '@nestjs/common';
import { AssistanceFundFiguresQuery } from '../../projections/reconciliation/assistance-fund-figures.query.js';
import { CollectedPaymentsQuery } from '../../projections/reconciliation/collected-payments.query.js';
import { InstitutionClaimsQuery } from '../../projections/reconciliation/institution-claims.query.js';
import { ReconciliationsQuery } from '../../projections/reconciliation/reconciliations.query.js';
import { ReconcileAssistanceFundHandler } from './application/reconcile-assistance-fund.handler.js';
import { ReconcileCollectionsHandler } from './application/reconcile-collections.handler.js';
import { ReconcileInstitutionHandler } from './application/reconcile-institution.handler.js';
import { ReconciliationRecorder } from './application/reconciliation-recorder.js';
import { ReconciliationsController } from './http/reconciliations.controller.js';

@Module({
  controllers: [ReconciliationsController],
  providers: [
    ReconciliationRecorder,
    ReconcileInstitutionHandler,
    ReconcileCollectionsHandler,
    ReconcileAssistanceFundHandler,
    InstitutionClaimsQuery,
    CollectedPaymentsQuery,
    AssistanceFundFiguresQuery,
    ReconciliationsQuery,
  ],
})
export class ReconciliationModule {}
