import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator.js';
import { regionCodeParameter } from '../../http/input.validators.js';
import { respond } from '../../http/respond.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { ReceiveAppropriationCommand } from '../application/receive-appropriation.handler.js';
import { ReceiveAppropriationDto } from './appropriation.dto.js';

@ApiTags('funds')
@ApiBearerAuth()
@Controller('assistance-funds')
export class AssistanceFundsController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':regionCode/appropriations')
  @Roles('clerk')
  @ApiOperation({
    summary: "Money received into the region's assistance fund (fiscal, lottery, donation)",
  })
  async appropriate(
    @Param('regionCode') regionCode: string,
    @Body() dto: ReceiveAppropriationDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const region = regionCodeParameter('regionCode', regionCode);
    return respond(
      res,
      await this.commands.execute(
        new ReceiveAppropriationCommand({ regionCode: region, ...dto }, context),
      ),
    );
  }
}
