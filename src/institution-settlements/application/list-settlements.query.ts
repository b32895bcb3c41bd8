import { Inject, Injectable } from '@nestjs/common';
import { logReaderToken, type LogReader } from '../../eventstore/log-reader.port.js';
import { ReadModels } from '../../read-models/read-models.module.js';
import type { QueryReads } from '../../../projections/query-reads.js';
import {
  evolveHistory,
  emptyHistory,
  type SettlementEvent,
  type SettlementHistory,
  type SettlementRecord,
} from '../domain/settlement-history.js';
import { SettlementStreamRepository } from './settlement-stream.repository.js';
import { settlementView } from './settlement-view.js';

export interface SettlementFilter {
  readonly institutionId?: string;
  readonly month?: string;
  readonly status?: 'approved' | 'paid';
}

/** The monthly settlements, from the log: one institution's stream, or every settlement event. */
@Injectable()
export class ListSettlementsQuery {
  static readonly reads: QueryReads = { now: ['log'] };

  constructor(
    @Inject(logReaderToken) private readonly log: LogReader,
    private readonly readModels: ReadModels,
    private readonly streams: SettlementStreamRepository,
  ) {}

  async list(filter: SettlementFilter): Promise<{ settlements: Record<string, unknown>[] }> {
    const head = await this.readModels.ready(ListSettlementsQuery.reads);
    const records = filter.institutionId
      ? [...(await this.streams.load(filter.institutionId, head)).settlements.values()]
      : await this.everySettlement(head);
    return {
      settlements: records
        .filter((r) => filter.month === undefined || r.approved.month === filter.month)
        .filter(
          (r) => filter.status === undefined || (r.payment ? 'paid' : 'approved') === filter.status,
        )
        .map(settlementView),
    };
  }

  private async everySettlement(head: number): Promise<SettlementRecord[]> {
    const byInstitution = new Map<string, SettlementHistory>();
    for await (const batch of this.log.foldBatches(head, {
      types: ['InstitutionSettlementApproved', 'InstitutionSettlementPaid'],
    })) {
      for (const e of batch) {
        const institutionId = String(e.data.institutionId);
        const event = { type: e.type, data: e.data } as SettlementEvent;
        byInstitution.set(
          institutionId,
          evolveHistory(byInstitution.get(institutionId) ?? emptyHistory(), event, e.position),
        );
      }
    }
    return [...byInstitution.values()]
      .flatMap((h) => [...h.settlements.values()])
      .sort((a, b) => a.approvedAt - b.approvedAt);
  }
}
