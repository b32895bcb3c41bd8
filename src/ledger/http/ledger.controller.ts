import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import { ChainVerifier } from '../application/chain-verifier.js';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(private readonly verifier: ChainVerifier) {}

  @Get('verify')
  @Roles('auditor', 'investigator', 'finance')
  @ApiOperation({ summary: 'Recompute the SM3 tamper-evidence chain over the whole log; names the first bad position' })
  verify() {
    return this.verifier.verify();
  }
}
