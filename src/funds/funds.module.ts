import { Module } from '@nestjs/common';
import { ReceiveAppropriationHandler } from './application/receive-appropriation.handler.js';
import { AssistanceFundsController } from './http/assistance-funds.controller.js';
import { FundsQuery } from '../../projections/fund-balances/funds.query.js';
import { FundsController } from './http/funds.controller.js';

@Module({
  controllers: [AssistanceFundsController, FundsController],
  providers: [ReceiveAppropriationHandler, FundsQuery],
})
export class FundsModule {}
