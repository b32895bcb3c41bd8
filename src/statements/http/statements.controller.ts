import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator.js';
import { regionCodeParameter } from '../../http/input.validators.js';
import { badField } from '../../http/problem-error.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';
import { StatementsQuery } from '../../../projections/postings/statements.query.js';
import { statementsCsv, statementsXlsx } from '../application/statement-files.js';

@ApiTags('funds')
@ApiBearerAuth()
@Controller('funds/statements')
export class StatementsController {
  constructor(private readonly query: StatementsQuery) {}

  @Get()
  @Roles('finance', 'auditor', 'investigator')
  @ApiOperation({
    summary:
      'Monthly statements per fund: opening balance, income by source, expense by claim type and tier, closing balance (fen); json, csv or xlsx',
  })
  @ApiQuery({ name: 'regionCode', required: true })
  @ApiQuery({ name: 'year', required: true })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ReadsAsOf()
  async statements(
    @Res({ passthrough: true }) res: Response,
    @AsOfPosition() asOfPosition: number | undefined,
    @Query('regionCode') regionCode?: string,
    @Query('year') year?: string,
    @Query('format') format = 'json',
  ) {
    const region = regionCodeParameter('regionCode', regionCode);
    if (!year || !/^\d{4}$/.test(year)) throw badField('year', 'must be a four-digit year');
    if (!['json', 'csv', 'xlsx'].includes(format))
      throw badField('format', 'must be json, csv or xlsx');
    const funds = await this.query.statements(region, Number(year), asOfPosition);
    if (format === 'csv') {
      res
        .type('text/csv')
        .setHeader(
          'content-disposition',
          `attachment; filename="statements-${region}-${year}.csv"`,
        );
      return statementsCsv(funds);
    }
    if (format === 'xlsx') {
      res
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .setHeader(
          'content-disposition',
          `attachment; filename="statements-${region}-${year}.xlsx"`,
        );
      return new StreamableFile(await statementsXlsx(region, Number(year), funds));
    }
    return { regionCode: region, year: Number(year), funds };
  }
}
