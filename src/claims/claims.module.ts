import { Module } from '@nestjs/common';
import { CorrectClaimHandler } from './application/correct-claim.handler.js';
import { ClaimRepository } from './application/claim.repository.js';
import { GetClaimHandler } from './application/get-claim.handler.js';
import { GetUsageHandler } from './application/get-usage.handler.js';
import { ReverseClaimHandler } from './application/reverse-claim.handler.js';
import { SettleClaimHandler } from './application/settle-claim.handler.js';
import { ClaimsController } from './http/claims.controller.js';
import { InstitutionRepository } from '../institutions/application/institution.repository.js';

@Module({
  controllers: [ClaimsController],
  providers: [
    ClaimRepository,
    InstitutionRepository,
    SettleClaimHandler,
    ReverseClaimHandler,
    CorrectClaimHandler,
    GetClaimHandler,
    GetUsageHandler,
  ],
})
export class ClaimsModule {}
