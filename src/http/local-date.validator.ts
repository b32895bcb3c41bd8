import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { isLocalDate } from '../shared/domain/local-date.js';

/** A calendar date YYYY-MM-DD that exists (2023-02-30 does not). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isLocalDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a calendar date YYYY-MM-DD`, options),
      },
    },
    options,
  );
}
