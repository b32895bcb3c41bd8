import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator.js';
import { badField } from '../../http/problem-error.js';
import { respond } from '../../http/respond.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { ListSettlementsQuery } from '../application/list-settlements.query.js';
import { PaySettlementCommand } from '../application/pay-settlement.handler.js';
import { SettleMonthCommand } from '../application/settle-month.handler.js';
import {
  institutionIdPattern,
  monthPattern,
  PaySettlementDto,
  SettleMonthDto,
} from './institution-settlement.dto.js';

@ApiTags('institution-settlements')
@ApiBearerAuth()
@Controller('institution-settlements')
export class InstitutionSettlementsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly query: ListSettlementsQuery,
  ) {}

  @Post()
  @Roles('finance')
  @ApiOperation({
    summary:
      "Monthly settlement (月结) of an institution's ended month: the claims not yet settled, gross per fund, recoveries offset oldest first, net",
  })
  async settle(
    @Body() dto: SettleMonthDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(new SettleMonthCommand(dto.institutionId, dto.month, context)),
    );
  }

  @Post(':settlementId/payment')
  @Roles('finance')
  @ApiOperation({
    summary:
      "Payment (拨付) of a monthly settlement: exactly its net, once, from the institution's payable to its bank",
  })
  async pay(
    @Param('settlementId') settlementId: string,
    @Body() dto: PaySettlementDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(
        new PaySettlementCommand(settlementId, dto.paidOn, dto.bankReference, context),
      ),
    );
  }

  @Get()
  @Roles('finance', 'auditor', 'investigator')
  @ApiOperation({ summary: 'Monthly settlements, filtered by institution, month and status' })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'month', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['approved', 'paid'] })
  list(
    @Query('institutionId') institutionId?: string,
    @Query('month') month?: string,
    @Query('status') status?: string,
  ) {
    if (institutionId !== undefined && !institutionIdPattern.test(institutionId))
      throw badField('institutionId', 'must be 1 to 64 letters, digits, _ . or -');
    if (month !== undefined && !monthPattern.test(month))
      throw badField('month', 'must be YYYY-MM');
    if (status !== undefined && status !== 'approved' && status !== 'paid')
      throw badField('status', 'must be approved or paid');
    return this.query.list({ institutionId, month, status });
  }
}
