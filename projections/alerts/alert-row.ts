/** A row of the alerts table as the queries select it. */
export interface AlertRow {
  readonly alert_id: string;
  readonly rule: string;
  readonly status: string;
  readonly person_id: string | null;
  readonly institution_id: string | null;
  readonly claim_id: string | null;
  readonly evidence: string[];
  readonly raised_at: Date;
}
