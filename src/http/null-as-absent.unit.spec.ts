import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { IsArray, IsIn, IsObject, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { canonicalJson } from '../eventstore/tamper-evidence.js';
import { IsText } from './input.validators.js';
import { withoutNullProperties } from './null-as-absent.js';
import { ProblemError } from './problem-error.js';
import { ledgerValidationPipe } from './validation.pipe.js';

// The rule "an optional body field sent as null is absent" through the service's own validation
// pipe (no HTTP here: test/e2e/null-as-absent.e2e.spec.ts sends every route's fields as null).

class LineDto {
  @IsText()
  invoiceNo!: string;

  @IsOptional()
  @IsText()
  note?: string;
}

class FileDto {
  @IsIn(['inpatient', 'outpatient'])
  kind!: string;

  @IsOptional()
  @IsText()
  reference?: string;

  @ValidateIf((o: FileDto) => o.kind === 'inpatient' || o.admissionDate !== undefined)
  @IsText()
  admissionDate?: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines!: LineDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => LineDto)
  first?: LineDto;

  @IsOptional()
  @IsObject()
  changes?: Record<string, unknown>;
}

async function validated(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  return (await ledgerValidationPipe().transform(body, {
    type: 'body',
    metatype: FileDto,
  })) as Record<string, unknown>;
}

async function refusedFields(body: Record<string, unknown>): Promise<string[]> {
  const error = await validated(body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProblemError);
  expect((error as ProblemError).code).toBe('validation-failed');
  return ((error as ProblemError).errors ?? []).map((e) => e.field);
}

describe('an optional body field sent as null is absent', () => {
  it('drops an optional field sent as null, at the top, in a nested DTO and in each item of a DTO array', async () => {
    const dto = await validated({
      kind: 'outpatient',
      reference: null,
      lines: [{ invoiceNo: 'A', note: null }, { invoiceNo: 'B' }],
      first: { invoiceNo: 'C', note: null },
      changes: null,
    });
    expect(dto).not.toHaveProperty('reference');
    expect(dto).not.toHaveProperty('changes');
    expect({ ...(dto.lines as LineDto[])[0] }).toEqual({ invoiceNo: 'A' });
    expect({ ...(dto.first as object) }).toEqual({ invoiceNo: 'C' });
    expect(dto).not.toHaveProperty('admissionDate');
  });

  it('keeps an optional nested DTO sent as null absent too, and a value that is there as it is', async () => {
    const dto = await validated({ kind: 'outpatient', first: null, reference: 'R-1', lines: [] });
    expect(dto).not.toHaveProperty('first');
    expect(dto.reference).toBe('R-1');
  });

  it('lets a conditional field (@ValidateIf) see null as absent: not required, accepted; required, refused naming it', async () => {
    const outpatient = await validated({ kind: 'outpatient', admissionDate: null, lines: [] });
    expect(outpatient).not.toHaveProperty('admissionDate');
    expect(await refusedFields({ kind: 'inpatient', admissionDate: null, lines: [] })).toEqual([
      'admissionDate',
    ]);
  });

  it('refuses a required field sent as null, naming it, also in a nested DTO', async () => {
    expect(await refusedFields({ kind: null, lines: [] })).toEqual(['kind']);
    expect(await refusedFields({ kind: 'outpatient', lines: null })).toContain('lines');
    expect(
      await refusedFields({ kind: 'outpatient', lines: [{ invoiceNo: null, note: null }] }),
    ).toEqual(['lines.0.invoiceNo']);
  });

  it('refuses an unknown field sent as null, naming it', async () => {
    expect(await refusedFields({ kind: 'outpatient', lines: [], unknownField: null })).toEqual([
      'unknownField',
    ]);
  });

  it('leaves a free-form object (no DTO) as it came: there a null replaces a value', async () => {
    const dto = await validated({
      kind: 'outpatient',
      lines: [],
      changes: { inpatient: { capFen: null }, list: [null] },
    });
    expect(dto.changes).toEqual({ inpatient: { capFen: null }, list: [null] });
  });
});

describe('the request hash of an idempotent write sees a null property as absent', () => {
  it('reads {x: null} as {}, at any depth; items of an array stay; the body itself is not changed', () => {
    const same = (a: unknown, b: unknown) =>
      canonicalJson(withoutNullProperties(a)) === canonicalJson(withoutNullProperties(b));
    expect(same({ a: 1, x: null }, { a: 1 })).toBe(true);
    expect(same({ a: { b: null, c: 2 } }, { a: { c: 2 } })).toBe(true);
    expect(same({ a: [{ b: null }] }, { a: [{}] })).toBe(true);
    expect(same({ a: [null] }, { a: [] })).toBe(false);
    expect(same({ a: 1, x: 'y' }, { a: 1 })).toBe(false);
    expect(same({ a: 0 }, { a: null })).toBe(false);
    const without = { a: [{ b: 1 }], c: 'd' };
    expect(withoutNullProperties(without)).toBe(without);
    const withNull = { a: [{ b: 1, x: null }], c: 'd' };
    expect(withoutNullProperties(withNull)).toEqual({ a: [{ b: 1 }], c: 'd' });
    expect(withNull.a[0]).toHaveProperty('x', null);
  });
});
