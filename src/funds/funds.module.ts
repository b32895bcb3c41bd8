import { Module } from '@nestjs/common';
import { ReceiveAppropriationHandler } from './application/receive-appropriation.handler.js';
import { AssistanceFundsController } from './http/assistance-funds.controller.js';

@Module({
  controllers: [AssistanceFundsController],
  providers: [ReceiveAppropriationHandler],
})
export class FundsModule {}
