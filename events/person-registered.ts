import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { Id, LocalDate, RegionCode } from './schema-types.js';

export const PersonRegistered = defineEvent({
  type: 'PersonRegistered',
  version: 1,
  description:
    'A resident is recorded, once per resident ID (居民身份证号) nationwide. Stream: person-{personId}.',
  schema: Type.Object(
    {
      personId: Id,
      nationalId: Type.String({ pattern: '^\\d{17}[\\dX]$' }),
      name: Type.String({ minLength: 1, maxLength: 100 }),
      birthDate: LocalDate,
      regionCode: RegionCode,
    },
    { additionalProperties: false },
  ),
});
