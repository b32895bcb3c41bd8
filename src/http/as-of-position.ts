import { badField } from './problem-error.js';

export function parseAsOfPosition(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw badField('asOfPosition', 'must be a non-negative integer position');
  return Number(value);
}
