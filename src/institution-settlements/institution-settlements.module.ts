import { Module } from '@nestjs/common';
import { InstitutionFactsReader } from './application/institution-facts.reader.js';
import { ListSettlementsQuery } from './application/list-settlements.query.js';
import { PaySettlementHandler } from './application/pay-settlement.handler.js';
import { SettleMonthHandler } from './application/settle-month.handler.js';
import { SettlementStreamRepository } from './application/settlement-stream.repository.js';
import { InstitutionSettlementsController } from './http/institution-settlements.controller.js';

/** Monthly settlement with institutions (月结) and its payment (拨付): the institution-settlements streams. */
@Module({
  controllers: [InstitutionSettlementsController],
  providers: [
    SettlementStreamRepository,
    InstitutionFactsReader,
    SettleMonthHandler,
    PaySettlementHandler,
    ListSettlementsQuery,
  ],
  exports: [SettlementStreamRepository],
})
export class InstitutionSettlementsModule {}
