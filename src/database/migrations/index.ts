import { EventLog1763800000000 } from './1763800000000-event-log.js';
import { Projections1763800000001 } from './1763800000001-projections.js';
import { EventSubjectIndex1763800000002 } from './1763800000002-event-subject-index.js';
import { Views1763800000003 } from './1763800000003-views.js';
import { Alerts1763800000004 } from './1763800000004-alerts.js';
import { InstitutionIndex1763800000005 } from './1763800000005-institution-index.js';
import { KafkaRelay1763800000006 } from './1763800000006-kafka-relay.js';
import { InstitutionCostStats1763800000007 } from './1763800000007-institution-cost-stats.js';
import { ServiceRole1763800000008 } from './1763800000008-service-role.js';
import { RetireUnreadViews1763800000010 } from './1763800000010-retire-unread-views.js';
import { Reconciliation1763800000300 } from './1763800000300-reconciliation.js';
import { VerifiableLedger1763800000400 } from './1763800000400-verifiable-ledger.js';
import { PersonalDataKeysAndAccessLog1763800000500 } from './1763800000500-personal-data-keys-and-access-log.js';
import { AppendBatchFunction1763800000800 } from './1763800000800-append-batch-function.js';

/** Every schema migration, in order. Run at start, as the owner of the tables (data-source.ts). */
export const migrations = [
  EventLog1763800000000,
  Projections1763800000001,
  EventSubjectIndex1763800000002,
  Views1763800000003,
  Alerts1763800000004,
  InstitutionIndex1763800000005,
  KafkaRelay1763800000006,
  InstitutionCostStats1763800000007,
  ServiceRole1763800000008,
  RetireUnreadViews1763800000010,
  Reconciliation1763800000300,
  VerifiableLedger1763800000400,
  PersonalDataKeysAndAccessLog1763800000500,
  AppendBatchFunction1763800000800,
];
