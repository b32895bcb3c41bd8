import { Global, Module } from '@nestjs/common';
import { AlertsQuery } from '../../projections/alerts/alerts.query.js';
import { ResolveAlertHandler } from './application/resolve-alert.handler.js';
import { RefusalSignals } from './application/refusal-signals.js';
import { AlertsController } from './http/alerts.controller.js';

@Global()
@Module({
  controllers: [AlertsController],
  providers: [AlertsQuery, ResolveAlertHandler, RefusalSignals],
  exports: [RefusalSignals],
})
export class AlertsModule {}
