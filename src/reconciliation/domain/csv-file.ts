// A CSV file as a hospital's system writes it (RFC 4180 with the usual liberties): a header row
// naming the columns in any order, rows separated by LF or CRLF, an optional UTF-8 byte-order
// mark, spaces around a value ignored, values optionally in double quotes ("" for a quote inside),
// blank lines skipped. Each bad row is named by its line number (the header is line 1) and column.

export interface CsvFault {
  /** "line 3, fundPaidFen"; "header" for the header row */
  readonly field: string;
  readonly message: string;
}

/** Why a value is unacceptable in its column, or undefined. Receives the trimmed text. */
export type CsvColumnRule = (value: string) => string | undefined;

export interface CsvRow {
  /** 1-based line number in the file */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export type CsvResult =
  { readonly rows: readonly CsvRow[] } | { readonly faults: readonly CsvFault[] };

/** At most this many faults are reported; a file this wrong is best fixed and sent again. */
export const csvFaultsMax = 100;

export function readCsv(
  text: string,
  rules: Readonly<Record<string, CsvColumnRule>>,
  linesMax: number,
): CsvResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split('\n');
  const faults: CsvFault[] = [];
  const columns = Object.keys(rules);
  let header: string[] | undefined;
  const rows: CsvRow[] = [];
  for (let i = 0; i < lines.length && faults.length < csvFaultsMax; i += 1) {
    const raw = lines[i]!.endsWith('\r') ? lines[i]!.slice(0, -1) : lines[i]!;
    if (raw.trim() === '') continue;
    const lineNo = i + 1;
    const cells = splitLine(raw);
    if (typeof cells === 'string') {
      faults.push({ field: header ? `line ${lineNo}` : 'header', message: cells });
      continue;
    }
    if (!header) {
      const fault = headerFault(cells, columns);
      if (fault) return { faults: [{ field: 'header', message: fault }] };
      header = cells;
      continue;
    }
    if (rows.length >= linesMax)
      return { faults: [{ field: `line ${lineNo}`, message: `more than ${linesMax} rows` }] };
    if (cells.length !== header.length) {
      faults.push({
        field: `line ${lineNo}`,
        message: `has ${cells.length} values, the header names ${header.length} columns`,
      });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, c) => {
      const fault = rules[name]!(cells[c]!);
      if (fault) faults.push({ field: `line ${lineNo}, ${name}`, message: fault });
      values[name] = cells[c]!;
    });
    rows.push({ line: lineNo, values });
  }
  if (!header) return { faults: [{ field: 'header', message: 'the file has no header row' }] };
  return faults.length > 0 ? { faults: faults.slice(0, csvFaultsMax) } : { rows };
}

function headerFault(cells: readonly string[], columns: readonly string[]): string | undefined {
  const expected = `must name the columns ${columns.join(',')}`;
  if (cells.length !== columns.length || new Set(cells).size !== cells.length) return expected;
  const unknown = cells.find((c) => !columns.includes(c));
  return unknown === undefined ? undefined : `${expected} (unknown column "${unknown}")`;
}

/** The trimmed values of one line, or why it cannot be read. */
function splitLine(line: string): string[] | string {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i += 1;
    let value: string;
    if (line[i] === '"') {
      let j = i + 1;
      value = '';
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return 'has a quoted value without its closing quote';
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      while (line[i] === ' ' || line[i] === '\t') i += 1;
      if (i < line.length && line[i] !== ',') return 'has text after a closing quote';
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? line.length : comma;
      value = line.slice(i, end).trim();
      i = end;
    }
    cells.push(value);
    if (i >= line.length) return cells;
    i += 1; // the comma
  }
}
