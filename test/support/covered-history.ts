import type { PersonEvent } from '../../src/person-stream/domain/person-events.js';

// A person registered, enrolled for 2023 in Jining (370800, policy 370800-2023) as an adult in the
// centralized period and paid up (380 yuan personal share): covered from 1 January 2023. The
// history the claim deciders and the settlement schemas are specified against.

export const contribution = {
  personalFen: 38000,
  assistanceSubsidyFen: 0,
  dueFromPersonFen: 38000,
  governmentSubsidyFen: 64000,
  criticalIllnessFundingFen: 10000,
};
export const coveredAdultHistory: readonly PersonEvent[] = [
  {
    type: 'PersonRegistered',
    data: {
      personId: 'per_1',
      nationalId: '37080219800101123X',
      name: '甲',
      birthDate: '1980-01-01',
      regionCode: '370800',
    },
  },
  {
    type: 'EnrollmentRegistered',
    data: {
      enrollmentId: 'enr_1_2023',
      personId: 'per_1',
      regionCode: '370800',
      coverageYear: 2023,
      category: 'adult',
      channel: 'centralized',
      enrolledOn: '2022-11-15',
      policyId: '370800-2023',
      assistanceCategory: 'none',
      contribution,
    },
  },
  {
    type: 'ContributionPaid',
    data: {
      enrollmentId: 'enr_1_2023',
      personId: 'per_1',
      receiptNo: 'R',
      paidOn: '2022-12-01',
      amountFen: 38000,
      coverageStart: '2023-01-01',
      coverageEnd: '2023-12-31',
      benefitsFrom: '2023-01-01',
      postings: [],
    },
  },
];
