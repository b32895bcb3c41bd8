/** The calendar date in China (UTC+8, no daylight saving) of an instant: the recording date of a write. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
