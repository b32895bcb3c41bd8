import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { mayActFor, type Principal } from '../../auth/principal.js';
import { Roles } from '../../auth/roles.decorator.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';
import { ProblemError } from '../../http/problem-error.js';
import { respond } from '../../http/respond.js';
import { Write } from '../../http/write-context.decorator.js';
import { missing } from '../../shared/domain/refusal.js';
import type { WriteContext } from '../../write/write-context.js';
import { InstitutionHistoryQuery } from '../../../projections/alerts/institution-history.query.js';
import { InstitutionRepository } from '../application/institution.repository.js';
import { institutionView } from '../application/institution-view.js';
import { RecordInstitutionCommand } from '../application/record-institution.handler.js';
import type { InstitutionCommand } from '../domain/institution.decider.js';
import {
  ChangeInstitutionLevelDto,
  RegisterInstitutionDto,
  SuspendInstitutionDto,
} from './institution.dto.js';

const institutionIdPattern = /^[A-Za-z0-9_.-]{1,64}$/;

// The registry of designated institutions (定点医疗机构, API.md 1.1 "Institutions"). Written by
// the fund's agreement office (role clerk; admin may do anything); read by every read role. A key
// scoped to institutions reads only its own (others' are 404) and writes none but its own.

@ApiTags('institutions')
@ApiBearerAuth()
@Controller('institutions')
export class InstitutionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly institutions: InstitutionRepository,
    private readonly query: InstitutionHistoryQuery,
  ) {}

  @Post()
  @Roles('clerk')
  @ApiOperation({
    summary:
      'Register a designated institution (定点医疗机构) with its level and agreement; the same data again is 200, other data 409 institution-conflict',
  })
  async register(
    @Body() dto: RegisterInstitutionDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    assertMayWrite(context.principal, dto.institutionId);
    return this.record(res, context, {
      type: 'RegisterInstitution',
      data: {
        institutionId: dto.institutionId,
        name: dto.name,
        level: dto.level,
        regionCode: dto.regionCode,
        agreementFrom: dto.agreementFrom,
        agreementTo: dto.agreementTo ?? null,
      },
    });
  }

  @Post(':institutionId/level')
  @Roles('clerk')
  @ApiOperation({
    summary:
      "An institution's level from a date on (a change on the date of an earlier one replaces it); 404 when unknown",
  })
  async changeLevel(
    @Param('institutionId') institutionId: string,
    @Body() dto: ChangeInstitutionLevelDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    knownShape(institutionId);
    assertMayWrite(context.principal, institutionId);
    return this.record(res, context, {
      type: 'ChangeInstitutionLevel',
      data: { institutionId, level: dto.level, effectiveFrom: dto.effectiveFrom },
    });
  }

  @Post(':institutionId/suspension')
  @Roles('clerk')
  @ApiOperation({
    summary:
      "Suspend an institution's agreement from a date, to a date or open-ended (a suspension with the from date of an earlier one amends it); 404 when unknown",
  })
  async suspend(
    @Param('institutionId') institutionId: string,
    @Body() dto: SuspendInstitutionDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    knownShape(institutionId);
    assertMayWrite(context.principal, institutionId);
    return this.record(res, context, {
      type: 'SuspendInstitution',
      data: { institutionId, from: dto.from, to: dto.to ?? null, reason: dto.reason },
    });
  }

  @Get(':institutionId')
  @Roles('institution', 'auditor', 'investigator', 'finance', 'clerk')
  @ApiOperation({
    summary:
      "An institution's registry record: levels by date, agreement, suspensions, as of asOfPosition or asOf; a key scoped to institutions reads only its own",
  })
  @ReadsAsOf()
  async get(
    @Param('institutionId') institutionId: string,
    @AsOfPosition() asOfPosition: number | undefined,
    @Req() req: Request & { principal: Principal },
  ) {
    knownShape(institutionId);
    if (!mayActFor(req.principal, institutionId))
      throw missing('not-found', `no institution ${institutionId}`);
    const { institution } = await this.institutions.load(institutionId, asOfPosition);
    if (!institution) throw missing('not-found', `no institution ${institutionId}`);
    return institutionView(institution);
  }

  @Get(':institutionId/history')
  @Roles('investigator', 'auditor')
  @ApiOperation({
    summary:
      "An institution's claims, amounts per tier and alerts, as they stood at asOfPosition or asOf (from the log)",
  })
  @ReadsAsOf()
  history(
    @Param('institutionId') institutionId: string,
    @AsOfPosition() asOfPosition: number | undefined,
    @Req() req: Request & { principal: Principal },
  ) {
    if (!mayActFor(req.principal, institutionId))
      throw missing('not-found', `no institution ${institutionId}`);
    return this.query.history(institutionId, asOfPosition);
  }

  private async record(res: Response, context: WriteContext, command: InstitutionCommand) {
    return respond(
      res,
      await this.commands.execute(new RecordInstitutionCommand(command, context)),
    );
  }
}

/** An id that can never be an institution's is an unknown one. */
function knownShape(institutionId: string): void {
  if (!institutionIdPattern.test(institutionId))
    throw missing('not-found', `no institution ${institutionId}`);
}

function assertMayWrite(principal: Principal, institutionId: string): void {
  if (!mayActFor(principal, institutionId))
    throw new ProblemError(
      403,
      'institution-scope',
      'Forbidden',
      'this API key may not write for that institution',
      [{ field: 'institutionId', message: 'outside the institutions of this API key' }],
    );
}
