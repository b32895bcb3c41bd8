import { InvalidArgumentError } from 'commander';
import { isLocalDate } from '../shared/domain/local-date.js';
import { isRegionCode, regionCodeRule } from '../shared/domain/region-code.js';

// The CLI's argument parsers: a bad value is a usage error (exit 2) naming the rule.

export function region(value: string): string {
  if (!isRegionCode(value)) throw new InvalidArgumentError(`must be ${regionCodeRule}`);
  return value;
}

export function year(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('must be a four-digit year');
  return Number(value);
}

export function date(value: string): string {
  if (!isLocalDate(value)) throw new InvalidArgumentError('must be a date YYYY-MM-DD');
  return value;
}
