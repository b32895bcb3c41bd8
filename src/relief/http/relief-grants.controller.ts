import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator.js';
import { respond } from '../../http/respond.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { GrantReliefRequest } from '../application/grant-relief.handler.js';
import { GrantReliefDto } from './relief.dto.js';

@ApiTags('relief')
@ApiBearerAuth()
@Controller('relief-grants')
export class ReliefGrantsController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('clerk')
  @ApiOperation({
    summary:
      'Relief on application (依申请救助): assistance and re-assistance on a burden settled outside one-stop settlement',
  })
  async grant(
    @Body() dto: GrantReliefDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { personId, ...input } = dto;
    return respond(
      res,
      await this.commands.execute(new GrantReliefRequest(personId, input, context)),
    );
  }
}
