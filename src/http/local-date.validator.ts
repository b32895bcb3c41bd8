import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';
import { isLocalDate } from '../shared/domain/local-date.js';
import { chinaDate } from '../shared/domain/business-date.js';
import { earliestDate } from './input-rules.js';

export interface LocalDateRule {
  /** a future-dated plan: dates after today are allowed (none of the current fields is one) */
  readonly future?: boolean;
}

/** Why a value is not a date the ledger accepts (API.md 1.1), or undefined. */
export function localDateFault(
  value: unknown,
  rule: LocalDateRule = {},
  now = new Date(),
): string | undefined {
  if (typeof value !== 'string' || !isLocalDate(value)) return 'must be a calendar date YYYY-MM-DD';
  if (value < earliestDate) return `must not be before ${earliestDate}`;
  const today = chinaDate(now);
  if (!rule.future && value > today) return `must not be after today (${today}, Asia/Shanghai)`;
  return undefined;
}

/**
 * A calendar date YYYY-MM-DD that exists (2023-02-30 does not), not before 1900-01-01 and, unless
 * the field is a plan, not after today in China: a death in 2031 or a stay ending next year is a
 * mistake or a forgery, and its money would leave a budget that has not started.
 */
export function IsLocalDate(
  rule: LocalDateRule = {},
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => localDateFault(value, rule) === undefined,
        defaultMessage: buildMessage(
          (each, args) => `${each}$property ${localDateFault(args?.value, rule)}`,
          options,
        ),
      },
    },
    options,
  );
}
