import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator.js';
import { respond } from '../../http/respond.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { ReadjudicateYearRequest } from '../application/readjudicate-year.handler.js';
import { ReadjudicateYearDto } from './readjudication.dto.js';

@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
export class ReadjudicationController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':personId/readjudication')
  @Roles('clerk', 'investigator')
  @ApiOperation({
    summary:
      "Re-adjudication (重新结算): settle the person's coverage year again with the categories as now recorded",
  })
  async readjudicate(
    @Param('personId') personId: string,
    @Body() dto: ReadjudicateYearDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(new ReadjudicateYearRequest(personId, { ...dto }, context)),
    );
  }
}
