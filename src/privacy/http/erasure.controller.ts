import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../auth/roles.decorator.js';
import { respond } from '../../http/respond.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { ErasePersonCommand } from '../application/erase-person.handler.js';
import { ErasureDto } from './erasure.dto.js';

@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
export class ErasureController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':personId/erasure')
  @Roles() // admin only
  @ApiOperation({
    summary:
      "Erase the person's resident ID, name and birth date forever (their data key is destroyed); their money and every hash stay; 422 erasure-not-possible for a person registered in clear before sealing",
  })
  async erase(
    @Param('personId') personId: string,
    @Body() dto: ErasureDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(new ErasePersonCommand(personId, dto.legalBasis, context)),
    );
  }
}
