import type pg from 'pg';
import type { SettlementBreakdown, YearClaimItem } from '../../src/policy/domain/index.js';
import type { QueryReads } from '../query-reads.js';

// Policy simulation's bulk read (issue 15 item 4): every claim of a pooling region and coverage
// year settled at or below a position and not reversed by then, from claims_view (narrow bigint
// columns: no event JSON to decompress), in batches along the primary key. A county's claims
// count in its city: the first four digits + 00.

export interface RecordedClaim {
  readonly position: number;
  readonly personId: string;
  readonly item: YearClaimItem;
  readonly recorded: SettlementBreakdown;
}

export interface RegionYearScope {
  /** the pooling region: a city or province code */
  readonly regionCode: string;
  readonly coverageYear: number;
  readonly toPosition: number;
}

const batchRows = 200_000; // few batches: each is one scan and sort of claims_view

interface Row {
  claim_id: string;
  person_id: string;
  institution_level: YearClaimItem['institutionLevel'];
  claim_type: YearClaimItem['claimType'];
  assistance_category: YearClaimItem['category'];
  service_date: string;
  total_cost_fen: string;
  policy_cost_fen: string;
  basic_fen: string;
  critical_illness_fen: string;
  assistance_fen: string;
  re_assistance_fen: string;
  personal_fen: string;
  settled_position: string;
}

const scopeSql = `coverage_year = $1 AND left(region_code, 4) || '00' = $2
  AND settled_position <= $3 AND (reversed_position IS NULL OR reversed_position > $3)`;

export class RegionYearClaimsQuery {
  /** claims_view, and the log itself for the relief grants read beside it */
  static readonly reads: QueryReads = { now: ['claims', 'log'] };

  constructor(private readonly db: pg.Pool) {}

  async count(scope: RegionYearScope): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM claims_view WHERE ${scopeSql}`,
      [scope.coverageYear, scope.regionCode, scope.toPosition],
    );
    return Number(rows[0]!.n);
  }

  async *batches(scope: RegionYearScope): AsyncGenerator<RecordedClaim[]> {
    let after = '';
    for (;;) {
      const { rows } = await this.db.query<Row>(
        `SELECT claim_id, person_id, institution_level, claim_type, assistance_category,
                to_char(service_date, 'YYYY-MM-DD') AS service_date,
                total_cost_fen::text, policy_cost_fen::text, basic_fen::text,
                critical_illness_fen::text, assistance_fen::text, re_assistance_fen::text,
                personal_fen::text, settled_position::text
         FROM claims_view WHERE ${scopeSql} AND claim_id > $4
         ORDER BY claim_id LIMIT ${batchRows}`,
        [scope.coverageYear, scope.regionCode, scope.toPosition, after],
      );
      if (rows.length === 0) return;
      after = rows[rows.length - 1]!.claim_id;
      yield rows.map((r) => ({
        position: Number(r.settled_position),
        personId: r.person_id,
        item: {
          kind: 'claim',
          id: r.claim_id,
          claimType: r.claim_type,
          institutionLevel: r.institution_level,
          serviceDate: r.service_date,
          totalCostFen: Number(r.total_cost_fen),
          policyCostFen: Number(r.policy_cost_fen),
          category: r.assistance_category,
        },
        recorded: {
          basicFen: Number(r.basic_fen),
          criticalIllnessFen: Number(r.critical_illness_fen),
          assistanceFen: Number(r.assistance_fen),
          reAssistanceFen: Number(r.re_assistance_fen),
          personalFen: Number(r.personal_fen),
        },
      }));
      if (rows.length < batchRows) return;
    }
  }
}
