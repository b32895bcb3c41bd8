import { Module } from '@nestjs/common';
import { ChainVerifier } from './application/chain-verifier.js';
import { LedgerController } from './http/ledger.controller.js';
import { PostingsQuery } from '../../projections/postings/postings.query.js';
import { InstitutionSettlementsModule } from '../institution-settlements/institution-settlements.module.js';
import { TraceQuery } from './application/trace.query.js';

@Module({
  imports: [InstitutionSettlementsModule],
  controllers: [LedgerController],
  providers: [ChainVerifier, PostingsQuery, TraceQuery],
  exports: [ChainVerifier],
})
export class LedgerModule {}
