// A decider's "no": the domain names the rule; the HTTP layer maps the kind to a status
// (invalid 400, not-found 404, conflict 409, refused 422).

export type RefusalKind = 'invalid' | 'not-found' | 'conflict' | 'refused';

export class Refusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
    this.name = 'Refusal';
  }
}

export const invalid = (field: string, detail: string): Refusal =>
  new Refusal('invalid', 'validation-failed', detail, field);
export const refuse = (code: string, detail: string): Refusal =>
  new Refusal('refused', code, detail);
export const conflictWith = (code: string, detail: string): Refusal =>
  new Refusal('conflict', code, detail);
export const missing = (code: string, detail: string): Refusal =>
  new Refusal('not-found', code, detail);
