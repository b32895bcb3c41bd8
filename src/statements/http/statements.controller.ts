import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator.js';
import { badField } from '../../http/problem-error.js';
import { StatementsQuery } from '../application/statements.query.js';
import { statementsCsv, statementsXlsx } from '../application/statement-files.js';

@ApiTags('funds')
@ApiBearerAuth()
@Controller('funds/statements')
export class StatementsController {
  constructor(private readonly query: StatementsQuery) {}

  @Get()
  @Roles('finance', 'auditor', 'investigator')
  @ApiOperation({ summary: 'Monthly statements per fund: opening balance, income by source, expense by claim type and tier, closing balance (fen); json, csv or xlsx' })
  @ApiQuery({ name: 'regionCode', required: true })
  @ApiQuery({ name: 'year', required: true })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  async statements(@Res({ passthrough: true }) res: Response, @Query('regionCode') regionCode?: string, @Query('year') year?: string, @Query('format') format = 'json') {
    if (!regionCode || !/^\d{6}$/.test(regionCode)) throw badField('regionCode', 'must be a 6-digit GB/T 2260 code');
    if (!year || !/^\d{4}$/.test(year)) throw badField('year', 'must be a four-digit year');
    if (!['json', 'csv', 'xlsx'].includes(format)) throw badField('format', 'must be json, csv or xlsx');
    const funds = await this.query.statements(regionCode, Number(year));
    if (format === 'csv') {
      res.type('text/csv').setHeader('content-disposition', `attachment; filename="statements-${regionCode}-${year}.csv"`);
      return statementsCsv(funds);
    }
    if (format === 'xlsx') {
      res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').setHeader('content-disposition', `attachment; filename="statements-${regionCode}-${year}.xlsx"`);
      return new StreamableFile(await statementsXlsx(regionCode, Number(year), funds));
    }
    return { regionCode, year: Number(year), funds };
  }
}
