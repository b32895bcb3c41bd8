import { Module } from '@nestjs/common';
import { ChainVerifier } from './application/chain-verifier.js';
import { LedgerController } from './http/ledger.controller.js';
import { PostingsQuery } from './application/postings.query.js';

@Module({ controllers: [LedgerController], providers: [ChainVerifier, PostingsQuery], exports: [ChainVerifier] })
export class LedgerModule {}
