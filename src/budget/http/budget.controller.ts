import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import { regionCodeParameter } from '../../http/input.validators.js';
import { badField } from '../../http/problem-error.js';
import { isLocalDate } from '../../shared/domain/local-date.js';
import { chinaDate } from '../../shared/domain/business-date.js';
import { BudgetQuery } from '../../../projections/postings/budget.query.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';

const bpLimit = 10000;

function bp(name: string, value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!/^-?\d{1,5}$/.test(value) || n < -bpLimit + 1 || n > bpLimit * 10)
    throw badField(
      name,
      `must be an integer number of basis points from ${-bpLimit + 1} to ${bpLimit * 10}`,
    );
  return n;
}

@ApiTags('budget')
@ApiBearerAuth()
@Controller('budget')
export class BudgetController {
  constructor(private readonly query: BudgetQuery) {}

  @Get()
  @Roles('finance', 'auditor', 'investigator')
  @ApiOperation({
    summary:
      'Budget and reserve per fund: income and expense to date, balance, months of reserve, risk level, year-end projection',
    description:
      'Business dates from 1 January to asOfDate (default: today in China). monthsOfReserve = balance / (expenseToDate / (12 x dayOfYear / daysInYear)), two decimals, null while nothing was spent. ' +
      'Projection (run rate): rest = expenseToDate x (daysInYear - dayOfYear) / dayOfYear, scaled by the scenario: rest x (10000 + costGrowthBp) / 10000 x (10000 + headcountChangeBp) / 10000, rounded half up once; ' +
      'projectedYearEndExpense = expenseToDate + rest; projectedYearEndBalance = balance - rest (no future contributions or appropriations assumed).',
  })
  @ApiQuery({ name: 'regionCode', required: true })
  @ApiQuery({ name: 'year', required: true })
  @ApiQuery({ name: 'asOfDate', required: false })
  @ApiQuery({
    name: 'costGrowthBp',
    required: false,
    description: 'cost growth per claim over the rest of the year, basis points',
  })
  @ApiQuery({
    name: 'headcountChangeBp',
    required: false,
    description: 'change of enrolled headcount over the rest of the year, basis points',
  })
  @ReadsAsOf()
  budget(
    @AsOfPosition() asOfPosition: number | undefined,
    @Query('regionCode') regionCode?: string,
    @Query('year') year?: string,
    @Query('asOfDate') asOfDate?: string,
    @Query('costGrowthBp') costGrowthBp?: string,
    @Query('headcountChangeBp') headcountChangeBp?: string,
  ) {
    regionCodeParameter('regionCode', regionCode);
    if (!year || !/^\d{4}$/.test(year)) throw badField('year', 'must be a four-digit year');
    const date = asOfDate ?? chinaDate(new Date());
    if (!isLocalDate(date) || !date.startsWith(year))
      throw badField('asOfDate', `must be a date YYYY-MM-DD in ${year}`);
    return this.query.budget(
      regionCode!,
      Number(year),
      date,
      {
        costGrowthBp: bp('costGrowthBp', costGrowthBp),
        headcountChangeBp: bp('headcountChangeBp', headcountChangeBp),
      },
      asOfPosition,
    );
  }
}
