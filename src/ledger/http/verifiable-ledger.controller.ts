import { Body, Controller, Get, Headers, Logger, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { badField } from '../../http/problem-error.js';
import { Roles } from '../../auth/roles.decorator.js';
import { checkpointNote } from '../domain/checkpoint.js';
import { VerifiableLedger } from '../application/verifiable-ledger.js';
import { MakeCheckpointDto } from './checkpoint.dto.js';
import { ClosePeriod } from '../application/close-period.js';
import { Write } from '../../http/write-context.decorator.js';
import type { WriteContext } from '../../write/write-context.js';
import { respond } from '../../http/respond.js';

// API.md 1.1 "Verifiable ledger": checkpoints, the public key, proofs and receipts (issue 14).
// Checkpoints, the key and proofs carry hashes only: every role may read them. A receipt carries
// the event itself: the readers' roles (an institution gets its claim's receipt with the claim).

const everyone = ['clerk', 'institution', 'auditor', 'investigator', 'finance'] as const;
const maxCheckpointsListed = 100;

function treePosition(field: string, value: string | undefined): number {
  if (value === undefined || !/^[1-9]\d{0,14}$/.test(value))
    throw badField(field, 'must be a position: an integer from 1');
  return Number(value);
}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class VerifiableLedgerController {
  private readonly logger = new Logger('checkpoints');

  constructor(
    private readonly ledger: VerifiableLedger,
    private readonly periods: ClosePeriod,
  ) {}

  @Get('checkpoint')
  @Roles(...everyone)
  @ApiOperation({
    summary:
      'The latest signed checkpoint {treeSize, rootHash, signedAt, keyId, signature}; Accept: text/plain gives the C2SP tlog-checkpoint note',
  })
  async checkpoint(
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const checkpoint = await this.ledger.latest();
    if (accept && /^text\/plain\b/.test(accept)) {
      res.type('text/plain; charset=utf-8');
      return checkpointNote(checkpoint);
    }
    return checkpoint;
  }

  @Get('checkpoints')
  @Roles(...everyone)
  @ApiOperation({
    summary: `The signed checkpoints kept, newest first (at most ${maxCheckpointsListed})`,
  })
  async checkpoints() {
    return { checkpoints: await this.ledger.list(maxCheckpointsListed) };
  }

  @Post('checkpoints')
  @Roles('finance')
  @ApiOperation({ summary: 'Sign a checkpoint of the log now (on demand)' })
  async makeCheckpoint(@Body() dto: MakeCheckpointDto) {
    const checkpoint = await this.ledger.checkpoint('demand');
    this.logger.log({
      message: 'checkpoint on demand',
      reason: dto.reason,
      treeSize: checkpoint.treeSize,
    });
    return checkpoint;
  }

  @Get('public-key')
  @Roles(...everyone)
  @ApiOperation({
    summary: 'The SM2 public key checkpoints are signed with {keyId, algorithm, publicKeyPem}',
  })
  publicKey() {
    return {
      keyId: this.ledger.keyId,
      algorithm: 'SM2',
      publicKeyPem: this.ledger.key.publicKeyPem,
    };
  }

  @Get('proofs/inclusion')
  @Roles(...everyone)
  @ApiOperation({
    summary: 'RFC 9162 inclusion proof of the event at a position in the tree of treeSize',
  })
  @ApiQuery({ name: 'position', required: true })
  @ApiQuery({ name: 'treeSize', required: true })
  inclusion(@Query('position') position?: string, @Query('treeSize') treeSize?: string) {
    return this.ledger.inclusion(
      treePosition('position', position),
      treePosition('treeSize', treeSize),
    );
  }

  @Get('proofs/consistency')
  @Roles(...everyone)
  @ApiOperation({ summary: 'RFC 9162 consistency proof between the trees of sizes from and to' })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  consistency(@Query('from') from?: string, @Query('to') to?: string) {
    return this.ledger.consistency(treePosition('from', from), treePosition('to', to));
  }

  @Get('receipts/:eventId')
  @Roles('auditor', 'investigator')
  @ApiOperation({
    summary:
      'The event as recorded, its inclusion proof and the signed checkpoint it proves against',
  })
  receipt(@Param('eventId') eventId: string) {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(eventId))
      throw badField('eventId', 'must be an event id (uuid)');
    return this.ledger.receipt(eventId.toLowerCase());
  }

  @Post('periods/:year/close')
  @Roles('finance')
  @ApiOperation({
    summary:
      'Seal a coverage year (年度清算): {year, lastPosition, balancesHash, checkpoint}; writes dated in it are then refused',
  })
  async closePeriod(
    @Param('year') year: string,
    @Write() context: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!/^\d{4}$/.test(year) || Number(year) < 1990 || Number(year) > 2200)
      throw badField('year', 'must be a coverage year from 1990 to 2200');
    return respond(res, await this.periods.close(Number(year), context));
  }
}
