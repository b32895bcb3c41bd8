import { Injectable } from '@nestjs/common';
import { ReadModels } from '../../src/read-models/read-models.module.js';
import type { QueryReads } from '../query-reads.js';

export const reconciliationsPageMax = 1000;

export interface ReconciliationFilter {
  readonly kind?: string;
  readonly regionCode?: string;
  readonly institutionId?: string;
}

interface Row {
  reconciliation_id: string;
  kind: string;
  institution_id: string | null;
  region_code: string | null;
  period: string;
  from_date: string;
  to_date: string;
  file_hash: string;
  recorded_by: string;
  recorded_at: Date;
  agree: boolean;
  summary: Record<string, unknown>;
  position: string;
}

/** The reconciliations recorded, newest first (at most 1,000), as the log stood at a position. */
@Injectable()
export class ReconciliationsQuery {
  static readonly reads: QueryReads = { now: ['reconciliation'] };

  constructor(private readonly readModels: ReadModels) {}

  async list(
    filter: ReconciliationFilter,
    asOfPosition?: number,
  ): Promise<Array<Record<string, unknown>>> {
    await this.readModels.ready(ReconciliationsQuery.reads, asOfPosition);
    const params: unknown[] = [asOfPosition ?? null];
    const where = ['($1::bigint IS NULL OR position <= $1::bigint)'];
    if (filter.kind !== undefined) where.push(`kind = $${params.push(filter.kind)}`);
    if (filter.regionCode !== undefined)
      where.push(`region_code = $${params.push(filter.regionCode)}`);
    if (filter.institutionId !== undefined)
      where.push(`institution_id = $${params.push(filter.institutionId)}`);
    const { rows } = await this.readModels.pool.query<Row>(
      `SELECT reconciliation_id, kind, institution_id, region_code, period,
              to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date,
              file_hash, recorded_by, recorded_at, agree, summary, position::text AS position
       FROM reconciliations WHERE ${where.join(' AND ')}
       ORDER BY position DESC LIMIT ${reconciliationsPageMax}`,
      params,
    );
    return rows.map((r) => ({
      reconciliationId: r.reconciliation_id,
      kind: r.kind,
      institutionId: r.institution_id,
      regionCode: r.region_code,
      period: r.period,
      from: r.from_date,
      to: r.to_date,
      fileHash: r.file_hash,
      hashAlgorithm: 'SHA-256',
      recordedBy: r.recorded_by,
      recordedAt: r.recorded_at.toISOString(),
      agree: r.agree,
      ...r.summary,
      position: Number(r.position),
    }));
  }
}
