import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';
import { InstitutionHistoryQuery } from '../../../projections/alerts/institution-history.query.js';

@ApiTags('institutions')
@ApiBearerAuth()
@Controller('institutions')
export class InstitutionsController {
  constructor(private readonly query: InstitutionHistoryQuery) {}

  @Get(':institutionId/history')
  @Roles('investigator', 'auditor')
  @ApiOperation({
    summary:
      "An institution's claims, amounts per tier and alerts, as they stood at asOfPosition or asOf (from the log)",
  })
  @ReadsAsOf()
  history(
    @Param('institutionId') institutionId: string,
    @AsOfPosition() asOfPosition: number | undefined,
  ) {
    return this.query.history(institutionId, asOfPosition);
  }
}
