import { describe, expect, it } from '@jest/globals';
import { readInstitutionCsv } from './institution-file.js';

describe("a hospital's CSV file", () => {
  it('reads BOM, CRLF, spaces, quotes, blank lines and columns in any order', () => {
    const read = readInstitutionCsv(
      '\uFEFF fundPaidFen ,invoiceNo,totalCostFen\r\n420000, "INV,1" ,1000000\r\n\r\n 0 ,"say ""hi""",5\r\n',
    );
    expect(read).toEqual({
      lines: [
        { invoiceNo: 'INV,1', totalCostFen: 1000000, fundPaidFen: 420000 },
        { invoiceNo: 'say "hi"', totalCostFen: 5, fundPaidFen: 0 },
      ],
    });
  });

  it('reads a header alone as an empty month', () => {
    expect(readInstitutionCsv('invoiceNo,totalCostFen,fundPaidFen\n')).toEqual({ lines: [] });
  });

  it('names the line and column of every bad value', () => {
    const read = readInstitutionCsv(
      [
        'invoiceNo,totalCostFen,fundPaidFen',
        'A,-1,0',
        'B,10000000000001,0',
        'C,1e3,0',
        'D,"5,0',
        'E,5,6,7',
        `${'x'.repeat(65)},1,1`,
      ].join('\n'),
    );
    expect('faults' in read && read.faults.map((f) => f.field)).toEqual([
      'line 2, totalCostFen',
      'line 3, totalCostFen',
      'line 4, totalCostFen',
      'line 5',
      'line 6',
      'line 7, invoiceNo',
    ]);
  });

  it('refuses a header without the three columns, and an empty file', () => {
    expect(readInstitutionCsv('invoiceNo,totalCostFen\n1,2\n')).toEqual({
      faults: [
        { field: 'header', message: 'must name the columns invoiceNo,totalCostFen,fundPaidFen' },
      ],
    });
    expect(readInstitutionCsv('')).toEqual({
      faults: [{ field: 'header', message: 'the file has no header row' }],
    });
  });

  it('refuses a fund paid over the total cost and a repeated invoice, naming both lines', () => {
    expect(readInstitutionCsv('invoiceNo,totalCostFen,fundPaidFen\nA,1,2\nB,1,1\nB,1,1\n')).toEqual(
      {
        faults: [
          { field: 'line 2, fundPaidFen', message: 'must not exceed totalCostFen' },
          { field: 'line 4, invoiceNo', message: 'repeats invoice B of line 3, invoiceNo' },
        ],
      },
    );
  });
});
