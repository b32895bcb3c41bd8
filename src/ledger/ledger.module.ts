import { Module } from '@nestjs/common';
import { ChainVerifier } from './application/chain-verifier.js';
import { LedgerController } from './http/ledger.controller.js';
import { PostingsQuery } from '../../projections/postings/postings.query.js';
import { TraceQuery } from './application/trace.query.js';
import { VerifiableLedger } from './application/verifiable-ledger.js';
import { VerifiableLedgerController } from './http/verifiable-ledger.controller.js';

@Module({
  controllers: [LedgerController, VerifiableLedgerController],
  providers: [ChainVerifier, PostingsQuery, TraceQuery, VerifiableLedger],
  exports: [ChainVerifier, VerifiableLedger],
})
export class LedgerModule {}
