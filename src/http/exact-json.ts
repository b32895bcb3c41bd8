import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

// Sums of fen are bigint end to end (API.md: every `...Fen` field is an integer). JSON.stringify
// refuses a bigint, and a JS number past 2^53 is no longer the sum; so a bigint is written as an
// exact JSON number with all its digits: 18014398509481982, never 18014398509481984, never a
// string. Clients that parse into doubles must use a big-number aware parser for such figures.

type RawJson = (text: string) => unknown;
const rawJson = (JSON as unknown as { rawJSON?: RawJson }).rawJSON;

// Node 20 has no JSON.rawJSON: a bigint becomes a placeholder string carrying a per-process
// random tag, and the placeholder (quotes included) is then replaced by the digits. Stored strings
// cannot carry the tag: it is unguessable, and every write refuses control characters.
const tag = `\u0001fen-${randomBytes(8).toString('hex')}:`;
const placeholder = new RegExp(
  `"${JSON.stringify(tag).slice(1, -1).replace(/\\/g, '\\\\')}(-?\\d+)"`,
  'g',
);

function replacer(_key: string, value: unknown): unknown {
  if (typeof value !== 'bigint') return value;
  return rawJson ? rawJson(value.toString()) : `${tag}${value.toString()}`;
}

/** JSON.stringify, with every bigint written as an exact JSON integer. */
export function stringifyExact(value: unknown): string {
  const text = JSON.stringify(value, replacer);
  return rawJson || text === undefined ? text : text.replace(placeholder, '$1');
}

/** Express middleware: `res.json` writes bigints exactly (Nest replies with `res.json`). */
export function exactJsonResponses() {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.json = (body: unknown) => {
      if (!res.get('Content-Type')) res.type('application/json');
      return res.send(stringifyExact(body));
    };
    next();
  };
}
