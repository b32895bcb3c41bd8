import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { AssistanceStatus, Fen, Id, LocalDate, RegionCode, Year } from './schema-types.js';

export const Contribution = Type.Object(
  {
    personalFen: Fen,
    assistanceSubsidyFen: Fen,
    dueFromPersonFen: Fen,
    governmentSubsidyFen: Fen,
    criticalIllnessFundingFen: Fen,
  },
  { additionalProperties: false },
);

export const EnrollmentChannel = Type.Union([
  Type.Literal('centralized'),
  Type.Literal('newborn'),
  Type.Literal('special-late'),
  Type.Literal('transfer-in'),
  Type.Literal('late'),
]);

export const EnrollmentRegistered = defineEvent({
  type: 'EnrollmentRegistered',
  version: 1,
  description:
    'The person enrolls (参保) in one region for one coverage year; the contribution is fixed by the policy in force and the assistance category on enrolledOn. No money moves until ContributionPaid. Stream: person-{personId}.',
  schema: Type.Object(
    {
      enrollmentId: Id,
      personId: Id,
      regionCode: RegionCode,
      coverageYear: Year,
      category: Type.Union([Type.Literal('adult'), Type.Literal('student-child')]),
      channel: EnrollmentChannel,
      enrolledOn: LocalDate,
      policyId: Id,
      assistanceCategory: AssistanceStatus,
      contribution: Contribution,
    },
    { additionalProperties: false },
  ),
});
