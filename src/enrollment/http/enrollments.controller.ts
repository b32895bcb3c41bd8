import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator.js';
import { respond } from '../../http/respond.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { EnrollCommand } from '../application/enroll.handler.js';
import { PayContributionCommand } from '../application/pay-contribution.handler.js';
import { RefundEnrollmentCommand } from '../application/refund-enrollment.handler.js';
import { EnrollDto, PayContributionDto, RefundEnrollmentDto } from './enrollment.dto.js';

@ApiTags('enrollments')
@ApiBearerAuth()
@Controller('enrollments')
export class EnrollmentsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('clerk')
  @ApiOperation({
    summary: 'Enroll a person for a coverage year (one per person and year, in any region)',
  })
  async enroll(
    @Body() dto: EnrollDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(res, await this.commands.execute(new EnrollCommand({ ...dto }, context)));
  }

  @Post(':enrollmentId/payments')
  @Roles('clerk')
  @ApiOperation({
    summary: "Record the person's payment of their share; the enrollment becomes active",
  })
  async pay(
    @Param('enrollmentId') enrollmentId: string,
    @Body() dto: PayContributionDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(new PayContributionCommand(enrollmentId, { ...dto }, context)),
    );
  }

  @Post(':enrollmentId/refund')
  @Roles('clerk')
  @ApiOperation({ summary: 'Refund a person who paid and died before coverage started (退费)' })
  async refund(
    @Param('enrollmentId') enrollmentId: string,
    @Body() dto: RefundEnrollmentDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(new RefundEnrollmentCommand(enrollmentId, { ...dto }, context)),
    );
  }
}
