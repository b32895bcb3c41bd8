import { parseExact } from './money';

// The console speaks only the public HTTP API (API.md), with the key the user entered.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

let apiKey: string | undefined;

export function setApiKey(key: string | undefined): void {
  apiKey = key;
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  return { Authorization: `Bearer ${apiKey ?? ''}`, ...extra };
}

async function failure(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const problem = JSON.parse(text) as {
      code?: string;
      detail?: string;
      title?: string;
      errors?: { field?: string; message?: string }[];
    };
    const fields = problem.errors?.map((e) => `${e.field ?? ''}: ${e.message ?? ''}`).join('; ');
    return new ApiError(
      res.status,
      problem.code,
      [problem.detail ?? problem.title, fields].filter(Boolean).join(' — '),
    );
  } catch {
    return new ApiError(res.status, undefined, `HTTP ${res.status}`);
  }
}

export async function get<T>(path: string): Promise<T> {
  const res = await fetch(`/api/v1${path}`, { headers: headers({ Accept: 'application/json' }) });
  if (!res.ok) throw await failure(res);
  return parseExact(await res.text()) as T;
}

/** A write; the caller keeps `idempotencyKey` for the form's life, so a repeated click records nothing new. */
export async function post<T>(path: string, body: unknown, idempotencyKey: string): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: headers({ 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey }),
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await failure(res);
  return parseExact(await res.text()) as T;
}

/** A file download with the key in a header (never in a URL): fetched, then saved from a blob. */
export async function download(path: string, fileName: string): Promise<void> {
  const res = await fetch(`/api/v1${path}`, { headers: headers() });
  if (!res.ok) throw await failure(res);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function qs(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter(
    ([, v]) => v !== undefined && v !== null && v !== '',
  );
  return entries.length
    ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`
    : '';
}
