import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { badField } from '../../http/problem-error.js';
import { PostingsQuery, postingsPageMax } from '../../../projections/postings/postings.query.js';
import { TraceQuery } from '../application/trace.query.js';
import { Roles } from '../../auth/roles.decorator.js';
import { AsOfPosition, ReadsAsOf } from '../../http/as-of.js';
import { ChainVerifier } from '../application/chain-verifier.js';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('ledger')
export class LedgerController {
  constructor(
    private readonly verifier: ChainVerifier,
    private readonly postings: PostingsQuery,
    private readonly traces: TraceQuery,
  ) {}

  @Get('trace/:id')
  // Not finance (API.md: funds, budget, postings): a trace carries claim data, diagnosis codes included; finance follows money through postings.
  @Roles('auditor', 'investigator')
  @ApiOperation({
    summary:
      'Every event about a claim, enrollment, appropriation or relief grant, in order, each with its postings',
  })
  @ReadsAsOf()
  trace(@Param('id') id: string, @AsOfPosition() asOfPosition: number | undefined) {
    return this.traces.trace(id, asOfPosition);
  }

  @Get('postings')
  @Roles('finance', 'auditor', 'investigator')
  @ApiOperation({ summary: 'The postings ledger in log order, paged: pass `next` back as `after`' })
  @ApiQuery({ name: 'account', required: false })
  @ApiQuery({
    name: 'after',
    required: false,
    description: 'a position, or the `next` cursor (position.line) of the previous page',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `lines per page, 1 to ${postingsPageMax} (default 100)`,
  })
  @ReadsAsOf()
  list(
    @AsOfPosition() asOfPosition: number | undefined,
    @Query('account') account?: string,
    @Query('after') after?: string,
    @Query('limit') limit?: string,
  ) {
    const cursor = /^(\d{1,15})(?:\.(\d{1,4}))?$/.exec(after ?? '0');
    if (!cursor) throw badField('after', 'must be a position or a cursor position.line');
    const size = limit === undefined ? 100 : Number(limit);
    if (!Number.isInteger(size) || size < 1 || size > postingsPageMax)
      throw badField('limit', `must be an integer from 1 to ${postingsPageMax}`);
    const position = {
      position: Number(cursor[1]),
      line: cursor[2] === undefined ? 2147483647 : Number(cursor[2]),
    };
    return this.postings.page({ account, after: position, limit: size, asOfPosition });
  }

  @Get('verify')
  @Roles('auditor', 'investigator', 'finance')
  @ApiOperation({
    summary:
      'Recompute the SM3 tamper-evidence chain over the whole log; names the first bad position',
  })
  verify() {
    return this.verifier.verify();
  }
}
