import { Inject, Injectable } from '@nestjs/common';
import { logReaderToken, type LogReader } from '../../eventstore/log-reader.port.js';
import type { RecordedEvent } from '../../eventstore/event-store.port.js';
import { postingLines } from '../../../projections/postings/posting-lines.js';
import { missing } from '../../shared/domain/refusal.js';
import { SettlementStreamRepository } from '../../institution-settlements/application/settlement-stream.repository.js';
import { isSettlementId } from '../../institution-settlements/domain/settlement-id.js';
import { ReadModels } from '../../read-models/read-models.module.js';
import type { QueryReads } from '../../../projections/query-reads.js';

export const traceEventsMax = 1000;

/** Every event about a claim, enrollment, appropriation or grant, in log order, each with its postings. Read from the log itself. */
@Injectable()
export class TraceQuery {
  /** the log itself (its copy, with KurrentDB) */
  static readonly reads: QueryReads = { now: ['log'] };

  constructor(
    @Inject(logReaderToken) private readonly log: LogReader,
    private readonly readModels: ReadModels,
    private readonly settlements: SettlementStreamRepository,
  ) {}

  /** `asOfPosition`: only the events at or below it; an id not yet known then is 404. */
  async trace(id: string, asOfPosition?: number): Promise<Record<string, unknown>> {
    const head = await this.readModels.ready(TraceQuery.reads);
    if (isSettlementId(id)) return this.settlementTrace(id, asOfPosition ?? head);
    const about = await this.log.about([id], { toPosition: asOfPosition, max: traceEventsMax });
    if (about.length === 0)
      throw missing('not-found', `no claim, enrollment, appropriation, grant or settlement ${id}`);
    const events = [...about, ...(await this.readjudications(id, about, asOfPosition))].sort(
      (a, b) => a.position - b.position,
    );
    const settled = events.find((e) => e.type === 'ClaimSettled');
    return {
      id,
      events: traced(events),
      // a claim's monthly settlements: the one that took it, and those that offset its recoveries
      ...(settled && {
        settlements: await this.settlementsOfClaim(
          id,
          String(settled.data.institutionId),
          asOfPosition ?? head,
        ),
      }),
    };
  }

  /**
   * The re-adjudications (重新结算) of the person's years that settled this claim or grant again:
   * one event names many claims, so it is found on the person's stream by its items.
   */
  private async readjudications(
    id: string,
    about: readonly RecordedEvent[],
    asOfPosition: number | undefined,
  ): Promise<RecordedEvent[]> {
    const personId = about.map((e) => e.data.personId).find((p) => typeof p === 'string');
    if (typeof personId !== 'string') return [];
    const refs = await this.log.refsInStream(`person-${personId}`, {
      types: ['PersonYearReadjudicated'],
      toPosition: asOfPosition,
      max: traceEventsMax,
    });
    if (refs.length === 0) return [];
    const items = await this.log.fieldsOf(
      refs.map((r) => r.eventId),
      { items: ['items'] },
    );
    const naming = refs.filter((r) => {
      const list = JSON.parse(items.get(r.eventId)?.items ?? '[]') as Array<{ id: string }>;
      return list.some((item) => item.id === id);
    });
    const found: RecordedEvent[] = [];
    // PersonYearReadjudicated has one version: the stored event is the current shape
    for (const ref of naming) found.push(...(await this.log.storedFrom(ref.position, 1)));
    return found;
  }

  /** A monthly settlement: the claims it took, the offsets it withheld, its payment. */
  private async settlementTrace(id: string, toPosition: number): Promise<Record<string, unknown>> {
    const events = await this.settlements.eventsOf(id, toPosition);
    const approved = events.find((e) => e.type === 'InstitutionSettlementApproved');
    if (!approved) throw missing('not-found', `no settlement ${id}`);
    const paid = events.find((e) => e.type === 'InstitutionSettlementPaid');
    const a = approved.data;
    return {
      id,
      events: traced(events),
      settlement: {
        settlementId: id,
        institutionId: a.institutionId,
        month: a.month,
        status: paid ? 'paid' : 'approved',
        claims: a.claims,
        owed: a.owed,
        offsets: a.offsets,
        grossFen: a.grossFen,
        offsetsFen: a.offsetsFen,
        netFen: a.netFen,
        payment: paid
          ? {
              paidOn: paid.data.paidOn,
              bankReference: paid.data.bankReference,
              netFen: paid.data.netFen,
              position: paid.position,
            }
          : null,
      },
    };
  }

  private async settlementsOfClaim(
    claimId: string,
    institutionId: string,
    toPosition: number,
  ): Promise<Record<string, unknown>[]> {
    const history = await this.settlements.load(institutionId, toPosition);
    return [...history.settlements.values()].flatMap((r) => {
      const took = r.approved.claims.some((c) => c.claimId === claimId);
      const offsetFen = r.approved.offsets
        .filter((o) => o.claimId === claimId)
        .reduce((sum, o) => sum + o.amountFen, 0);
      if (!took && offsetFen === 0) return [];
      return [
        {
          settlementId: r.approved.settlementId,
          month: r.approved.month,
          took,
          offsetFen,
          status: r.payment ? 'paid' : 'approved',
          position: r.approvedAt,
          paidOn: r.payment?.paidOn ?? null,
          paidAt: r.paidAt ?? null,
        },
      ];
    });
  }
}

function traced(events: readonly RecordedEvent[]): Record<string, unknown>[] {
  return events.map((event) => {
    const lines = postingLines(event);
    return {
      position: event.position,
      eventId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      recordedAt: event.recordedAt,
      businessDate: lines[0]?.businessDate ?? null,
      actor: event.metadata.actor ?? null,
      data: event.data,
      postings: lines.map(({ account, debitFen, creditFen }) => ({
        account,
        debitFen,
        creditFen,
      })),
    };
  });
}
