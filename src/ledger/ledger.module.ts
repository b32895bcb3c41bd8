import { Global, Module } from '@nestjs/common';
import { ChainVerifier } from './application/chain-verifier.js';
import { LedgerController } from './http/ledger.controller.js';
import { PostingsQuery } from '../../projections/postings/postings.query.js';
import { InstitutionSettlementsModule } from '../institution-settlements/institution-settlements.module.js';
import { FundsQuery } from '../../projections/fund-balances/funds.query.js';
import { TraceQuery } from './application/trace.query.js';
import { VerifiableLedger } from './application/verifiable-ledger.js';
import { VerifiableLedgerController } from './http/verifiable-ledger.controller.js';
import { ClosedPeriods } from './application/closed-periods.js';
import { ClosePeriod } from './application/close-period.js';

/** Global: every dated write asks ClosedPeriods (the period-close guard); POST /claims may ask VerifiableLedger for a receipt. */
@Global()
@Module({
  imports: [InstitutionSettlementsModule],
  controllers: [LedgerController, VerifiableLedgerController],
  providers: [
    ChainVerifier,
    PostingsQuery,
    TraceQuery,
    VerifiableLedger,
    ClosedPeriods,
    ClosePeriod,
    FundsQuery,
  ],
  exports: [ChainVerifier, VerifiableLedger, ClosedPeriods],
})
export class LedgerModule {}
