import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { RecordedEvent } from '../../src/eventstore/event-store.port.js';
import type { LogReader } from '../../src/eventstore/log-reader.port.js';
import { quoteIdent, type Projection } from '../projection.js';
import {
  foldCostChanges,
  outlierAlertId,
  outlierEvidenceMax,
  type RaisedOutlier,
} from './institution-cost-outliers.js';
import {
  costChangesOf,
  groupsOf,
  institutionStatsSql,
  loadPeerStats,
  saveInstitutionStats,
} from './institution-cost-stats.js';

// Alerts for investigators, derived from the signals settled claims recorded and from the
// investigators' resolutions. Evidence: the event ids of the claims that make the signal.

/** A person dies once (the person decider refuses a second death): the evidence of a claim after death. */
const deathRecordsMax = 1;

export function alertIdFor(claimId: string, rule: string): string {
  return `alr_${createHash('sm3').update(`${claimId}\n${rule}`).digest('hex').slice(0, 24)}`;
}

export const alertsProjection: Projection = {
  name: 'alerts',
  canHandle: ['ClaimSettled', 'ClaimReversed', 'AlertResolved', 'RequestRefused'],
  tables: ['alerts', 'institution_cost_stats'],
  partitionable: false,
  schemaSql: (schema) => `
    CREATE TABLE ${quoteIdent(schema)}.alerts (
      alert_id       text        PRIMARY KEY,
      rule           text        NOT NULL,
      status         text        NOT NULL,
      person_id      text,
      institution_id text,
      claim_id       text,
      evidence       text[]      NOT NULL,
      raised_at      timestamptz NOT NULL,
      raised_position bigint     NOT NULL,
      outcome_note   text,
      resolved_position bigint
    );
    CREATE INDEX alerts_person ON ${quoteIdent(schema)}.alerts (person_id);
    CREATE INDEX alerts_institution ON ${quoteIdent(schema)}.alerts (institution_id);
    ${institutionStatsSql(quoteIdent(schema))}`,
  async apply(
    client: pg.PoolClient,
    schema: string,
    events: readonly RecordedEvent[],
    log: LogReader,
  ): Promise<void> {
    const table = `${quoteIdent(schema)}.alerts`;
    await insertClaimAlerts(
      client,
      log,
      table,
      events.filter((e) => e.type === 'ClaimSettled'),
    );
    for (const e of events) {
      if (e.type === 'RequestRefused') await insertRefusalAlert(client, log, table, e);
      if (e.type === 'AlertResolved') {
        const d = e.data as { alertId: string; outcome: string; note: string };
        await client.query(
          `UPDATE ${table} SET status = $2, outcome_note = $3, resolved_position = $4 WHERE alert_id = $1`,
          [d.alertId, d.outcome, d.note, e.position],
        );
      }
    }
    await raiseCostOutliers(client, log, schema, table, events);
  },
};

/** A refusal that is a fraud signal: evidence is what it collided with (the death, the first enrollment, the settled invoice) and the refusal. */
async function insertRefusalAlert(
  client: pg.PoolClient,
  log: LogReader,
  table: string,
  e: RecordedEvent,
): Promise<void> {
  const d = e.data as {
    rule: string;
    personId: string;
    institutionId: string | null;
    collidedWith: string | null;
    request: { invoiceNo?: string };
  };
  const rows =
    d.rule === 'claim-after-death'
      ? await log.refsInStream(`person-${d.personId}`, {
          types: ['DeathRecorded'],
          beforePosition: e.position,
          max: deathRecordsMax,
        })
      : await log.refsAbout(d.collidedWith === null ? [] : [d.collidedWith], {
          types: ['ClaimSettled', 'EnrollmentRegistered'],
          beforePosition: e.position,
          max: 1,
        });
  await client.query(
    `INSERT INTO ${table} (alert_id, rule, status, person_id, institution_id, claim_id, evidence, raised_at, raised_position) VALUES ($1, $2, 'open', $3, $4, $5, $6, $7, $8)`,
    [
      alertIdFor(e.eventId, d.rule),
      d.rule,
      d.personId,
      d.institutionId,
      d.rule === 'duplicate-invoice' ? d.collidedWith : null,
      [...rows.map((r) => r.eventId), e.eventId],
      e.recordedAt,
      e.position,
    ],
  );
}

/**
 * Institutions that become more than 3 SD above their peers get one alert a year, raised at the
 * event after which they are (institution-cost-outliers.ts): the batch's claims and reversals are
 * folded one by one in memory over the stored statistics of the groups they touch, which are read
 * once and written once; evidence is looked up only for alerts that do not exist yet.
 */
async function raiseCostOutliers(
  client: pg.PoolClient,
  log: LogReader,
  schema: string,
  table: string,
  events: readonly RecordedEvent[],
): Promise<void> {
  const changes = await costChangesOf(log, events);
  if (changes.length === 0) return;
  const stats = await loadPeerStats(client, quoteIdent(schema), groupsOf(changes));
  const raised = foldCostChanges(stats, changes);
  await saveInstitutionStats(client, quoteIdent(schema), stats, changes);
  if (raised.length === 0) return;
  const ids = raised.map((r) => outlierAlertId(r.institutionId, r.year));
  const { rows } = await client.query<{ alert_id: string }>(
    `SELECT alert_id FROM ${table} WHERE alert_id = ANY($1::text[])`,
    [ids],
  );
  const existing = new Set(rows.map((r) => r.alert_id));
  const fresh = raised.filter((_, i) => !existing.has(ids[i]!));
  if (fresh.length > 0) await insertOutlierAlerts(client, log, table, fresh);
}

/** New outlier alerts with their evidence (the institution's settled claims of the year up to the raising event, first 100), in one insert. */
async function insertOutlierAlerts(
  client: pg.PoolClient,
  log: LogReader,
  table: string,
  raised: readonly RaisedOutlier[],
): Promise<void> {
  const evidence: string[] = [];
  for (const r of raised) {
    const settled = await log.settledAt(r.institutionId, {
      coverageYear: r.year,
      toPosition: r.position,
      max: outlierEvidenceMax,
    });
    evidence.push(JSON.stringify(settled.map((e) => e.eventId)));
  }
  await client.query(
    `INSERT INTO ${table} (alert_id, rule, status, person_id, institution_id, claim_id, evidence, raised_at, raised_position)
     SELECT x.alert_id, 'institution-cost-outlier', 'open', NULL, x.institution_id, NULL, ARRAY(SELECT jsonb_array_elements_text(x.evidence::jsonb)), x.raised_at, x.raised_position
     FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::bigint[]) AS x(alert_id, institution_id, evidence, raised_at, raised_position)`,
    [
      raised.map((r) => outlierAlertId(r.institutionId, r.year)),
      raised.map((r) => r.institutionId),
      evidence,
      raised.map((r) => r.recordedAt),
      raised.map((r) => r.position),
    ],
  );
}

/** The signals of a batch of settlements, in one lookup of their evidence and one insert. */
async function insertClaimAlerts(
  client: pg.PoolClient,
  log: LogReader,
  table: string,
  settled: readonly RecordedEvent[],
): Promise<void> {
  type Settled = {
    claimId: string;
    personId: string;
    institutionId: string;
    signals: Array<{ rule: string; evidenceClaimIds: string[] }>;
  };
  const withSignals = settled.filter((e) => (e.data as Settled).signals.length > 0);
  if (withSignals.length === 0) return;
  const eventOf = new Map(settled.map((e) => [(e.data as Settled).claimId, e.eventId]));
  const wanted = [
    ...new Set(
      withSignals.flatMap((e) => (e.data as Settled).signals.flatMap((s) => s.evidenceClaimIds)),
    ),
  ].filter((id) => !eventOf.has(id));
  if (wanted.length > 0) {
    // one settlement per claim: at most as many as asked for
    const refs = await log.refsAbout(wanted, { types: ['ClaimSettled'], max: wanted.length });
    for (const r of refs) eventOf.set(r.subject, r.eventId);
  }
  const alerts = withSignals.flatMap((e) => {
    const d = e.data as Settled;
    return d.signals.map((signal) => ({
      alertId: alertIdFor(d.claimId, signal.rule),
      rule: signal.rule,
      personId: d.personId,
      institutionId: d.institutionId,
      claimId: d.claimId,
      evidence: JSON.stringify([
        ...signal.evidenceClaimIds
          .map((id) => eventOf.get(id))
          .filter((id): id is string => id !== undefined),
        e.eventId,
      ]),
      raisedAt: e.recordedAt,
      position: e.position,
    }));
  });
  await client.query(
    `INSERT INTO ${table} (alert_id, rule, status, person_id, institution_id, claim_id, evidence, raised_at, raised_position)
     SELECT a, r, 'open', p, i, c, ARRAY(SELECT jsonb_array_elements_text(ev::jsonb)), t, pos
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::bigint[]) AS x(a, r, p, i, c, ev, t, pos)`,
    [
      alerts.map((a) => a.alertId),
      alerts.map((a) => a.rule),
      alerts.map((a) => a.personId),
      alerts.map((a) => a.institutionId),
      alerts.map((a) => a.claimId),
      alerts.map((a) => a.evidence),
      alerts.map((a) => a.raisedAt),
      alerts.map((a) => a.position),
    ],
  );
}
