import { Global, Module } from '@nestjs/common';
import { LedgerMetrics, metricsToken } from './ledger-metrics.js';
import { MetricsController } from './metrics.controller.js';

/** GET /metrics and the one metrics registry of this application instance. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: metricsToken, useFactory: () => new LedgerMetrics() }],
  exports: [metricsToken],
})
export class MetricsModule {}
