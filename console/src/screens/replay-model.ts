import type { Fen } from '../money';

// What the replay screens read from the API (history, usage, alerts), as the console types it.

export interface HistoryEvent {
  position: number;
  eventId: string;
  type: string;
  recordedAt: string;
  data: Record<string, unknown>;
}
export interface Alert {
  alertId: string;
  rule: string;
  status: string;
  personId: string;
  institutionId: string;
  claimId?: string;
  evidence: string[];
  raisedAt: string;
}
export interface Cap {
  baseFen: Fen;
  paidFen: Fen;
  capFen: Fen | null;
}
export interface Usage {
  year: number;
  inpatientBasicFen: Fen;
  inpatientCapFen: Fen | null;
  outpatientGeneralFen: Fen;
  outpatientGeneralLimitFen: Fen | null;
  outpatientChronicFen: Fen;
  outpatientChronicLimitFen: Fen | null;
  criticalIllness: Cap;
  assistance: Cap;
  reAssistance: Cap;
}
export interface Person {
  personId: string;
  /** null once the person's personal data was erased */
  nationalId: string | null;
  name: string | null;
  birthDate: string | null;
  erased?: boolean;
  enrollments: { coverageYear: number }[];
}
export interface PersonView {
  person: Person;
  all: HistoryEvent[];
  events: HistoryEvent[];
  usage?: Usage;
  alerts: Alert[];
  position: number;
}

export interface InstitutionHistory {
  institutionId: string;
  asOfPosition: number;
  totals: Record<string, Fen | number>;
  claims: {
    claimId: string;
    personId: string;
    claimType: string;
    serviceDate: string;
    totalCostFen: Fen;
    status: string;
    settledPosition: number;
  }[];
  alerts: Alert[];
}

/** The alert rules an investigator filters by (API.md; GET /alerts?rule=). */
export const rules = [
  'claim-after-death',
  'duplicate-enrollment',
  'duplicate-invoice',
  'overlapping-stays',
  'split-admission',
  'frequent-admissions',
  'institution-cost-outlier',
  'poverty-risk',
];
