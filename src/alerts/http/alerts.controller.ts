import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { alertOutcomes, type AlertOutcome } from '../domain/alert-outcomes.js';
import { IsText } from '../../http/input.validators.js';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator.js';
import { badField } from '../../http/problem-error.js';
import { respond } from '../../http/respond.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { AlertsQuery } from '../../../projections/alerts/alerts.query.js';
import { ResolveAlertCommand } from '../application/resolve-alert.handler.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';

export const alertRules = [
  'claim-after-death',
  'duplicate-enrollment',
  'duplicate-invoice',
  'overlapping-stays',
  'split-admission',
  'frequent-admissions',
  'institution-cost-outlier',
  'poverty-risk',
];

export const alertStatuses = ['open', ...alertOutcomes];

export class ResolveAlertDto {
  @ApiProperty({
    description:
      'fraud signals: confirmed (then its claims may be reversed, 追回) or dismissed; poverty-risk (主动识别): assistance-granted (with statusPosition) or not-eligible',
    enum: alertOutcomes,
  })
  @IsIn(alertOutcomes)
  outcome!: AlertOutcome;

  @ApiProperty({ description: "the investigator's note" })
  @IsText()
  note!: string;

  @ApiProperty({
    required: false,
    description:
      "assistance-granted only: the global position of the person's assistance status change it led to (POST /persons/{id}/assistance-status answers it)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  statusPosition?: number;
}

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly alerts: AlertsQuery,
  ) {}

  @Get()
  @Roles('investigator', 'auditor')
  @ApiOperation({ summary: 'Fraud and risk alerts with their evidence events, newest first' })
  @ApiQuery({ name: 'rule', required: false, enum: alertRules })
  @ApiQuery({ name: 'personId', required: false })
  @ApiQuery({ name: 'institutionId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: alertStatuses })
  @ReadsAsOf()
  async list(
    @AsOfPosition() asOfPosition: number | undefined,
    @Query('rule') rule?: string,
    @Query('personId') personId?: string,
    @Query('institutionId') institutionId?: string,
    @Query('status') status?: string,
  ) {
    if (rule !== undefined && !alertRules.includes(rule))
      throw badField('rule', `must be one of ${alertRules.join(', ')}`);
    if (status !== undefined && !alertStatuses.includes(status))
      throw badField('status', `must be one of ${alertStatuses.join(', ')}`);
    return {
      alerts: await this.alerts.list({ rule, personId, institutionId, status }, asOfPosition),
    };
  }

  @Post(':alertId/resolution')
  @Roles('investigator')
  @ApiOperation({ summary: "Record the investigator's finding on an alert, once" })
  async resolve(
    @Param('alertId') alertId: string,
    @Body() dto: ResolveAlertDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(new ResolveAlertCommand(alertId, { ...dto }, context)),
    );
  }
}
