// An RFC 9457 problem: every refusal the API gives is one of these, with a code from API.md.

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: readonly FieldError[],
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }

  toBody(instance?: string): Record<string, unknown> {
    return {
      type: `https://ledger.example/problems/${this.code}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(instance ? { instance } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export const validationFailed = (errors: FieldError[]): ProblemError =>
  new ProblemError(
    400,
    'validation-failed',
    'Validation failed',
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  );

export const badField = (
  field: string,
  message: string,
  code = 'validation-failed',
): ProblemError =>
  new ProblemError(
    400,
    code,
    code === 'validation-failed' ? 'Validation failed' : 'Bad request',
    `${field}: ${message}`,
    [{ field, message }],
  );

export const notFound = (what: string, id: string): ProblemError =>
  new ProblemError(404, 'not-found', 'Not found', `no ${what} ${id}`);

export const refused = (code: string, detail: string): ProblemError =>
  new ProblemError(422, code, 'Refused', detail);

export const conflict = (
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): ProblemError => new ProblemError(409, code, 'Conflict', detail, undefined, extra);
