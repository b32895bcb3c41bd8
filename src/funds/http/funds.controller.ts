import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';
import { regionCodeParameter } from '../../http/input.validators.js';
import { badField } from '../../http/problem-error.js';
import { FundsQuery } from '../../../projections/fund-balances/funds.query.js';

@ApiTags('funds')
@ApiBearerAuth()
@Controller('funds')
export class FundsController {
  constructor(private readonly query: FundsQuery) {}

  @Get()
  @Roles('finance', 'auditor', 'investigator')
  @ApiOperation({
    summary:
      'Fund balances (credits minus debits) per fund account; assistance funds have year null',
  })
  @ApiQuery({ name: 'regionCode', required: false })
  @ApiQuery({ name: 'year', required: false })
  @ReadsAsOf()
  async funds(
    @AsOfPosition() asOfPosition: number | undefined,
    @Query('regionCode') regionCode?: string,
    @Query('year') year?: string,
  ) {
    if (regionCode !== undefined) regionCodeParameter('regionCode', regionCode);
    if (year !== undefined && !/^\d{4}$/.test(year))
      throw badField('year', 'must be a four-digit year');
    return {
      funds: await this.query.funds({
        regionCode,
        year: year === undefined ? undefined : Number(year),
        asOfPosition,
      }),
    };
  }
}
