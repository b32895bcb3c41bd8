import { Body, Controller, Get, Headers, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VerifiableLedger } from '../../ledger/application/verifiable-ledger.js';
import type { Request, Response } from 'express';
import { mayActFor, type Principal } from '../../auth/principal.js';
import { Roles } from '../../auth/roles.decorator.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';
import { ProblemError, validationFailed, type FieldError } from '../../http/problem-error.js';
import { respond } from '../../http/respond.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { GetClaimQuery } from '../application/get-claim.handler.js';
import { ReverseClaimCommand } from '../application/reverse-claim.handler.js';
import { SettleClaimCommand } from '../application/settle-claim.handler.js';
import { CorrectClaimDto, ReverseClaimDto, SettleClaimDto } from './claim.dto.js';
import { CorrectClaimCommand } from '../application/correct-claim.handler.js';
import { ClaimRepository } from '../application/claim.repository.js';
import { isClaimId } from '../domain/claim-id.js';
import type { ClaimSubmission } from '../domain/settle-claim.decider.js';

@ApiTags('claims')
@ApiBearerAuth()
@Controller('claims')
export class ClaimsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly claimsOf: ClaimRepository,
    private readonly ledger: VerifiableLedger,
  ) {}

  @Post()
  @Roles('institution')
  @ApiOperation({
    summary:
      'Settle a claim one-stop through the four tiers; the same institution and invoice again replays the first answer. With `Prefer: return=receipt` the answer adds `receipt` (GET /ledger/receipts/{eventId} of the ClaimSettled event)',
  })
  @ApiHeader({
    name: 'Prefer',
    required: false,
    description: '`return=receipt`: add the receipt of the settlement',
  })
  async settle(
    @Body() dto: SettleClaimDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
    @Headers('prefer') prefer?: string,
  ) {
    assertConsistent(dto);
    // Checked before anything is read or recorded: another hospital's claim is no fraud signal of this person's, just a refused key.
    if (!mayActFor(context.principal, dto.institutionId)) {
      throw new ProblemError(
        403,
        'institution-scope',
        'Forbidden',
        'this API key may not submit claims for that institution',
        [{ field: 'institutionId', message: 'outside the institutions of this API key' }],
      );
    }
    const claim = {
      personId: dto.personId,
      institutionId: dto.institutionId,
      institutionLevel: dto.institutionLevel ?? null,
      invoiceNo: dto.invoiceNo,
      totalCostFen: dto.totalCostFen,
      policyCostFen: dto.policyCostFen,
      diagnosisCode: dto.diagnosisCode ?? null,
    };
    // the validators required the dates of the claim's type (claim.dto.ts); the others are ignored, as before
    const input: ClaimSubmission =
      dto.claimType === 'inpatient'
        ? {
            ...claim,
            claimType: dto.claimType,
            admissionDate: dto.admissionDate!,
            dischargeDate: dto.dischargeDate!,
          }
        : { ...claim, claimType: dto.claimType, serviceDate: dto.serviceDate! };
    const result = await this.commands.execute(new SettleClaimCommand(input, context));
    const body = respond(res, result);
    if (!/(^|[\s,;])return=receipt\b/.test(prefer ?? '') || result.statusCode >= 300) return body;
    res.setHeader('Preference-Applied', 'return=receipt');
    return { ...body, receipt: await this.ledger.receiptOfClaim(body.claimId as string) };
  }

  @Post(':claimId/reversal')
  @Roles('investigator')
  @ApiOperation({
    summary:
      "Reverse a settled claim (追回): each tier's money returns to its fund and leaves the annual sums",
  })
  async reverse(
    @Param('claimId') claimId: string,
    @Body() dto: ReverseClaimDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    return respond(
      res,
      await this.commands.execute(new ReverseClaimCommand(claimId, dto.reason, context)),
    );
  }

  @Post(':claimId/correction')
  @Roles('institution', 'investigator')
  @ApiOperation({
    summary:
      'Correct a claim whose costs were partly disallowed (违规费用): reversed and settled again with the corrected amounts in one event; per fund old - new is recovered (追回)',
  })
  async correct(
    @Param('claimId') claimId: string,
    @Body() dto: CorrectClaimDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    // a scoped institution key corrects only its institutions' claims (API.md 1.1)
    const invoice = isClaimId(claimId) ? await this.claimsOf.invoice(claimId) : undefined;
    if (invoice?.status === 'taken' && !mayActFor(context.principal, invoice.invoice.institutionId))
      throw new ProblemError(
        403,
        'institution-scope',
        'Forbidden',
        'this API key may not correct claims of that institution',
      );
    return respond(
      res,
      await this.commands.execute(
        new CorrectClaimCommand(claimId, dto.totalCostFen, dto.policyCostFen, dto.reason, context),
      ),
    );
  }

  @Get(':claimId')
  @Roles('institution', 'auditor', 'investigator')
  @ApiOperation({
    summary:
      "A claim: its settlement, status, the inputs that explain it, and its events; a key scoped to institutions reads only theirs (others' are 404)",
  })
  @ReadsAsOf()
  get(
    @Param('claimId') claimId: string,
    @AsOfPosition() asOfPosition: number | undefined,
    @Req() req: Request & { principal: Principal },
  ) {
    return this.queries.execute(new GetClaimQuery(claimId, req.principal, asOfPosition));
  }
}

function assertConsistent(dto: SettleClaimDto): void {
  const errors: FieldError[] = [];
  if (dto.policyCostFen > dto.totalCostFen)
    errors.push({ field: 'policyCostFen', message: 'policyCostFen must not exceed totalCostFen' });
  if (
    dto.claimType === 'inpatient' &&
    dto.admissionDate &&
    dto.dischargeDate &&
    dto.dischargeDate < dto.admissionDate
  ) {
    errors.push({
      field: 'dischargeDate',
      message: 'dischargeDate must not be before admissionDate',
    });
  }
  if (errors.length > 0) throw validationFailed(errors);
}
