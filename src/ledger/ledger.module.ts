import { Module } from '@nestjs/common';
import { ChainVerifier } from './application/chain-verifier.js';
import { LedgerController } from './http/ledger.controller.js';

@Module({ controllers: [LedgerController], providers: [ChainVerifier], exports: [ChainVerifier] })
export class LedgerModule {}
