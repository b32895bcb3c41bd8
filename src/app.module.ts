import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ApiKeyGuard } from './auth/api-key.guard.js';
import { RateLimitGuard } from './auth/rate-limit.guard.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { EventStoreModule } from './eventstore/event-store.module.js';
import { HealthController } from './health/health.controller.js';
import { ProblemFilter } from './http/problem.filter.js';
import { AsOfInterceptor } from './http/as-of.js';
import type { Catalogue } from './policy/domain/catalogue.js';
import { PolicyModule } from './policy/policy.module.js';
import { PersonsModule } from './persons/persons.module.js';
import { PersonStreamModule } from './person-stream/person-stream.module.js';
import { ReliefModule } from './relief/relief.module.js';
import { ReadjudicationModule } from './readjudication/readjudication.module.js';
import { EnrollmentModule } from './enrollment/enrollment.module.js';
import { FundsModule } from './funds/funds.module.js';
import { ClaimsModule } from './claims/claims.module.js';
import { InstitutionSettlementsModule } from './institution-settlements/institution-settlements.module.js';
import { LedgerModule } from './ledger/ledger.module.js';
import { BudgetModule } from './budget/budget.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { InstitutionsModule } from './institutions/institutions.module.js';
import { StatementsModule } from './statements/statements.module.js';
import { ReadModelsModule } from './read-models/read-models.module.js';
import { WriteModule } from './write/write.module.js';
import { MessagingModule } from './messaging/messaging.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { ConsoleModule } from './console/console.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ReconciliationModule } from './reconciliation/reconciliation.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { SimulationModule } from './simulation/simulation.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig & { databaseUrl: string }, catalogue: Catalogue): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        MetricsModule,
        PolicyModule.forRoot(catalogue),
        IdentityModule.forRoot(config.idKeyFile),
        PrivacyModule.forRoot(config.personalDataKeyFile),
        EventStoreModule.forRoot(config.databaseUrl, config.eventstoreUrl),
        CqrsModule.forRoot(),
        WriteModule,
        ReadModelsModule,
        MessagingModule,
        PersonStreamModule,
        PersonsModule,
        EnrollmentModule,
        FundsModule,
        ClaimsModule,
        InstitutionSettlementsModule,
        ReliefModule,
        ReadjudicationModule,
        LedgerModule,
        BudgetModule,
        AlertsModule,
        InstitutionsModule,
        StatementsModule,
        ReconciliationModule,
        ConsoleModule,
        SimulationModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        // after ApiKeyGuard (global guards run in the order listed): it counts by the authenticated key
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        // refuses asOf/asOfPosition on every route that does not declare @ReadsAsOf()
        { provide: APP_INTERCEPTOR, useClass: AsOfInterceptor },
      ],
    };
  }
}
