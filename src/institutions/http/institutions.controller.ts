import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';
import { InstitutionHistoryQuery } from '../application/institution-history.query.js';
import { ReadModels } from '../../read-models/read-models.module.js';

@ApiTags('institutions')
@ApiBearerAuth()
@Controller('institutions')
export class InstitutionsController {
  constructor(
    private readonly query: InstitutionHistoryQuery,
    private readonly readModels: ReadModels,
  ) {}

  @Get(':institutionId/history')
  @Roles('investigator', 'auditor')
  @ApiOperation({ summary: "An institution's claims, amounts per tier and alerts, as they stood at asOfPosition or asOf (from the log)" })
  @ReadsAsOf()
  async history(@Param('institutionId') institutionId: string, @AsOfPosition() asOfPosition: number | undefined) {
    await this.readModels.logCaughtUp(); // read from the PostgreSQL log (its copy, with KurrentDB)
    return this.query.history(institutionId, asOfPosition);
  }
}
