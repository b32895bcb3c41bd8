import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { ReconciliationsQuery } from '../../../projections/reconciliation/reconciliations.query.js';
import { Roles } from '../../auth/roles.decorator.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';
import { idLengthMax, textFault } from '../../http/input-rules.js';
import { regionCodeParameter } from '../../http/input.validators.js';
import { badField, validationFailed } from '../../http/problem-error.js';
import { respond } from '../../http/respond.js';
import { ledgerValidationPipe } from '../../http/validation.pipe.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { ReconcileAssistanceFundCommand } from '../application/reconcile-assistance-fund.handler.js';
import { ReconcileCollectionsCommand } from '../application/reconcile-collections.handler.js';
import { ReconcileInstitutionCommand } from '../application/reconcile-institution.handler.js';
import { lineFaults, readInstitutionCsv } from '../domain/institution-file.js';
import type { InstitutionClaimLine } from '../domain/institution-reconciliation.js';
import {
  monthFault,
  ReconcileAssistanceFundDto,
  ReconcileCollectionsDto,
  ReconcileInstitutionDto,
} from './reconciliation.dto.js';
import { isCsvMediaType, receivedFileOf } from './reconciliation-bodies.js';

export const reconciliationKinds = ['institution', 'collections', 'assistance-fund'];

// Reconciliation (对账, POLICY.md "Reconciliation"; API.md 1.1): finance and auditors compare a
// hospital's monthly file, the tax collector's file and the treasury's quarterly figures with the
// ledger; each comparison is recorded (ReconciliationRecorded) with the hash of what was received.

@ApiTags('reconciliations')
@ApiBearerAuth()
@Controller('reconciliations')
export class ReconciliationsController {
  private readonly validation = ledgerValidationPipe();

  constructor(
    private readonly commands: CommandBus,
    private readonly reconciliations: ReconciliationsQuery,
  ) {}

  @Post('institution')
  @Roles('finance', 'auditor')
  @ApiOperation({
    summary:
      "Reconcile a hospital's monthly file (JSON, or text/csv with invoiceNo,totalCostFen,fundPaidFen and ?institutionId=&month=) with its settled, unreversed claims of the month; bodies up to 16 MiB",
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ type: ReconcileInstitutionDto })
  @ApiQuery({ name: 'institutionId', required: false, description: 'text/csv only' })
  @ApiQuery({ name: 'month', required: false, description: 'text/csv only: YYYY-MM' })
  async institution(
    @Req() req: Request,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
    @Query('institutionId') institutionId?: string,
    @Query('month') month?: string,
  ) {
    const received = receivedFileOf(req);
    let input: { institutionId: string; month: string; claims: InstitutionClaimLine[] };
    let write = context;
    if (isCsvMediaType(req.headers['content-type']) && typeof req.body === 'string') {
      const idFault = textFault(institutionId, idLengthMax);
      if (idFault) throw badField('institutionId', idFault);
      const periodFault = monthFault(month);
      if (periodFault) throw badField('month', periodFault);
      const read = readInstitutionCsv(req.body);
      if ('faults' in read) throw validationFailed([...read.faults]);
      input = { institutionId: institutionId!.trim(), month: month!, claims: read.lines };
      // the body is the file; the request is the file for this institution and month
      write = {
        ...context,
        requestHash: createHash('sm3')
          .update(`${context.requestHash}\n${input.institutionId}\n${input.month}`)
          .digest('hex'),
      };
    } else {
      const dto = (await this.validation.transform(req.body ?? {}, {
        type: 'body',
        metatype: ReconcileInstitutionDto,
      })) as ReconcileInstitutionDto;
      const claims = dto.claims.map((c) => ({
        invoiceNo: c.invoiceNo,
        totalCostFen: c.totalCostFen,
        fundPaidFen: c.fundPaidFen,
      }));
      const faults = lineFaults(claims, (i, column) => `claims.${i}.${column}`);
      if (faults.length > 0) throw validationFailed(faults);
      input = { institutionId: dto.institutionId, month: dto.month, claims };
    }
    return respond(
      res,
      await this.commands.execute(new ReconcileInstitutionCommand(input, received, write)),
    );
  }

  @Post('collections')
  @Roles('finance', 'auditor')
  @ApiOperation({
    summary:
      "Reconcile the tax collector's file with the contributions paid in the pooling region and date range",
  })
  async collections(
    @Req() req: Request,
    @Body() dto: ReconcileCollectionsDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (dto.to < dto.from) throw badField('to', 'must not be before from');
    const faults: Array<{ field: string; message: string }> = [];
    const first = new Map<string, number>();
    dto.payments.forEach((p, i) => {
      if (faults.length >= 100) return;
      if (p.paidOn < dto.from || p.paidOn > dto.to)
        faults.push({
          field: `payments.${i}.paidOn`,
          message: `must be within ${dto.from}..${dto.to}`,
        });
      const earlier = first.get(p.receiptNo);
      if (earlier !== undefined)
        faults.push({
          field: `payments.${i}.receiptNo`,
          message: `repeats receipt ${p.receiptNo} of payments.${earlier}`,
        });
      else first.set(p.receiptNo, i);
    });
    if (faults.length > 0) throw validationFailed(faults);
    return respond(
      res,
      await this.commands.execute(
        new ReconcileCollectionsCommand(
          {
            regionCode: dto.regionCode,
            from: dto.from,
            to: dto.to,
            payments: dto.payments.map((p) => ({
              receiptNo: p.receiptNo,
              amountFen: p.amountFen,
              paidOn: p.paidOn,
            })),
          },
          receivedFileOf(req),
          context,
        ),
      ),
    );
  }

  @Post('assistance-fund')
  @Roles('finance', 'auditor')
  @ApiOperation({
    summary:
      "Reconcile the treasury's quarterly special-account figures with the pooling region's assistance fund",
  })
  async assistanceFund(
    @Req() req: Request,
    @Body() dto: ReconcileAssistanceFundDto,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    const t = dto.treasury;
    return respond(
      res,
      await this.commands.execute(
        new ReconcileAssistanceFundCommand(
          {
            regionCode: dto.regionCode,
            quarter: dto.quarter,
            treasury: {
              incomeFen: t.incomeFen,
              expenseFen: t.expenseFen,
              closingBalanceFen: t.closingBalanceFen,
            },
          },
          receivedFileOf(req),
          context,
        ),
      ),
    );
  }

  @Get()
  @Roles('finance', 'auditor')
  @ApiOperation({ summary: 'The reconciliations recorded, newest first (at most 1,000)' })
  @ApiQuery({ name: 'kind', required: false, enum: reconciliationKinds })
  @ApiQuery({ name: 'regionCode', required: false })
  @ApiQuery({ name: 'institutionId', required: false })
  @ReadsAsOf()
  async list(
    @AsOfPosition() asOfPosition: number | undefined,
    @Query('kind') kind?: string,
    @Query('regionCode') regionCode?: string,
    @Query('institutionId') institutionId?: string,
  ) {
    if (kind !== undefined && !reconciliationKinds.includes(kind))
      throw badField('kind', `must be one of ${reconciliationKinds.join(', ')}`);
    const region =
      regionCode === undefined ? undefined : regionCodeParameter('regionCode', regionCode);
    return {
      reconciliations: await this.reconciliations.list(
        { kind, regionCode: region, institutionId: institutionId?.trim() },
        asOfPosition,
      ),
    };
  }
}
