import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, buildMessage } from 'class-validator';
import { isRegionCode, regionCodeRule } from '../shared/domain/region-code.js';
import { fenFault, fenMax, idLengthMax, textFault, textLengthMax } from './input-rules.js';
import { badField } from './problem-error.js';

// The DTO decorators of the input rules (input-rules.ts). Every string, id, amount and region
// field of every DTO uses one of these, so a rule changes in one place. Each also puts its bounds
// into the OpenAPI document (merged under the field's own @ApiProperty description).

/** Text: trimmed (leading and trailing whitespace is dropped), then non-empty, no control characters, at most `lengthMax`. */
export function IsText(lengthMax = textLengthMax): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: 'string', minLength: 1, maxLength: lengthMax }),
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' ? value.trim() : value,
    ),
    ValidateBy({
      name: 'isText',
      validator: {
        validate: (value: unknown) => textFault(value, lengthMax) === undefined,
        defaultMessage: buildMessage(
          (_, args) => `${args?.property} ${textFault(args?.value, lengthMax)}`,
        ),
      },
    }),
  );
}

/** An identifier or natural key: text of at most 64 characters. */
export function IsId(): PropertyDecorator {
  return IsText(idLengthMax);
}

/** An amount of integer fen from `min` (0, or 1 where nothing is meaningless) to 10^13. */
export function IsFen(min: 0 | 1): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: 'integer', minimum: min, maximum: fenMax }),
    fenValidator(min),
  );
}

function fenValidator(min: 0 | 1): PropertyDecorator {
  return ValidateBy({
    name: 'isFen',
    validator: {
      validate: (value: unknown) => fenFault(value, min) === undefined,
      defaultMessage: buildMessage((_, args) => `${args?.property} ${fenFault(args?.value, min)}`),
    },
  });
}

/** A GB/T 2260 region code (region-code.ts). */
export function IsRegionCode(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: 'string', pattern: '^\\d{6}$' }),
    regionCodeValidator(),
  );
}

function regionCodeValidator(): PropertyDecorator {
  return ValidateBy({
    name: 'isRegionCode',
    validator: {
      validate: (value: unknown) => isRegionCode(value),
      defaultMessage: buildMessage((_, args) => `${args?.property} must be ${regionCodeRule}`),
    },
  });
}

/** A region code in a path or query parameter: the same rule, 400 naming the parameter. */
export function regionCodeParameter(name: string, value: string | undefined): string {
  if (!isRegionCode(value)) throw badField(name, `must be ${regionCodeRule}`);
  return value;
}
