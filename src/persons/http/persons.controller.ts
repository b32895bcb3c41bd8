import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '../../auth/roles.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { respond } from '../../http/respond.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { RegisterPersonCommand } from '../application/register-person.handler.js';
import { ChangePersonStatusCommand } from '../application/change-person-status.handler.js';
import { GetPersonQuery } from '../application/get-person.handler.js';
import { PersonHistoryQuery } from '../application/person-history.handler.js';
import { GetUsageQuery } from '../../claims/application/get-usage.handler.js';
import { badField } from '../../http/problem-error.js';
import { ChangeAssistanceStatusDto, RecordDeathDto, RegisterPersonDto } from './person.dto.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';

@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
export class PersonsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @Roles('clerk')
  @ApiOperation({
    summary:
      'Record a resident, once per resident ID; the same data again answers 200 with the same personId',
  })
  async register(
    @Body() dto: RegisterPersonDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(new RegisterPersonCommand({ ...dto }, context)),
    );
  }

  @Post(':personId/assistance-status')
  @Roles('clerk')
  @ApiOperation({ summary: "Set the person's assistance category from a date on" })
  async changeAssistanceStatus(
    @Param('personId') personId: string,
    @Body() dto: ChangeAssistanceStatusDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(
        new ChangePersonStatusCommand(
          personId,
          { type: 'ChangeAssistanceStatus', data: { ...dto } },
          context,
        ),
      ),
    );
  }

  @Post(':personId/death')
  @Roles('clerk')
  @ApiOperation({ summary: "Record the person's death" })
  async recordDeath(
    @Param('personId') personId: string,
    @Body() dto: RecordDeathDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(
        new ChangePersonStatusCommand(personId, { type: 'RecordDeath', data: { ...dto } }, context),
      ),
    );
  }

  @Get(':personId/history')
  @Roles('auditor', 'investigator')
  @ApiOperation({
    summary:
      "The person's events in order, and annual sums, as they stood at asOfPosition or asOf (replayed from the log)",
  })
  @ReadsAsOf()
  history(
    @Param('personId') personId: string,
    @AsOfPosition() asOfPosition: number | undefined,
    @Req() req: Request & { principal: Principal },
  ) {
    return this.queries.execute(new PersonHistoryQuery(personId, req.principal, asOfPosition));
  }

  @Get(':personId/usage')
  // Institutions settle against the remaining caps; finance (funds, budget, postings) has no business with one person's sums.
  @Roles('auditor', 'investigator', 'institution')
  @ApiOperation({
    summary: "The person's annual sums per tier against the caps of the year's policy",
  })
  @ApiQuery({ name: 'year', required: true })
  @ReadsAsOf()
  usage(
    @Param('personId') personId: string,
    @Query('year') year: string | undefined,
    @AsOfPosition() asOfPosition: number | undefined,
  ) {
    if (!year || !/^\d{4}$/.test(year))
      throw badField('year', 'must be a four-digit coverage year');
    return this.queries.execute(new GetUsageQuery(personId, Number(year), asOfPosition));
  }

  @Get(':personId')
  @Roles('clerk', 'auditor', 'investigator')
  @ApiOperation({
    summary:
      'A person with assistance history, death and enrollments; for roles without clear access the resident ID masked and the birth date as the year; reads in clear are logged',
  })
  @ReadsAsOf()
  get(
    @Param('personId') personId: string,
    @AsOfPosition() asOfPosition: number | undefined,
    @Req() req: Request & { principal: Principal },
  ) {
    return this.queries.execute(new GetPersonQuery(personId, req.principal, asOfPosition));
  }
}
