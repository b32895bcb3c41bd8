import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { Inject } from '@nestjs/common';
import { Roles } from '../../auth/roles.decorator.js';
import { pgPoolToken } from '../../eventstore/event-store.module.js';
import { parseAsOfPosition } from '../../http/as-of-position.js';
import { parseAsOfInstant, positionAsOf } from '../../http/as-of.js';
import { InstitutionHistoryQuery } from '../application/institution-history.query.js';
import { ReadModels } from '../../read-models/read-models.module.js';

@ApiTags('institutions')
@ApiBearerAuth()
@Controller('institutions')
export class InstitutionsController {
  constructor(
    private readonly query: InstitutionHistoryQuery,
    @Inject(pgPoolToken) private readonly pool: pg.Pool,
    private readonly readModels: ReadModels,
  ) {}

  @Get(':institutionId/history')
  @Roles('investigator', 'auditor')
  @ApiOperation({ summary: "An institution's claims, amounts per tier and alerts, as they stood at asOfPosition or asOf (from the log)" })
  @ApiQuery({ name: 'asOfPosition', required: false })
  @ApiQuery({ name: 'asOf', required: false, description: 'an RFC 3339 instant' })
  async history(@Param('institutionId') institutionId: string, @Query('asOfPosition') asOfPosition?: string, @Query('asOf') asOf?: string) {
    const instant = parseAsOfInstant(asOf);
    const bound = parseAsOfPosition(asOfPosition);
    await this.readModels.logCaughtUp();
    return this.query.history(institutionId, await positionAsOf(this.pool, instant, bound));
  }
}
