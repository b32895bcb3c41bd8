import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id, LocalDate, RegionCode } from './schema-types.js';

/** 基层 | 二级 | 三级 */
export const InstitutionLevelSchema = Type.Union([
  Type.Literal('grassroots'),
  Type.Literal('secondary'),
  Type.Literal('tertiary'),
]);

export const InstitutionRegistered = defineEvent({
  type: 'InstitutionRegistered',
  version: 1,
  description:
    'A designated institution (定点医疗机构) entered in the registry with its level and its service agreement (医保服务协议) from a date, optionally to a date. Stream: institution-{institutionId}.',
  schema: Type.Object(
    {
      institutionId: Id,
      name: Type.String({ minLength: 1, maxLength: 200 }),
      level: InstitutionLevelSchema,
      regionCode: RegionCode,
      agreementFrom: LocalDate,
      agreementTo: Type.Union([LocalDate, Type.Null()]),
    },
    { additionalProperties: false },
  ),
});
