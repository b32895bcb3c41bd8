import { describe, expect, it } from '@jest/globals';
import { Type } from '@sinclair/typebox';
import { defineEvent } from './event-definition.js';
import { EventValidationError } from './event-catalogue.js';
import { ledgerEventCatalogue } from './index.js';

describe('event catalogue', () => {
  it('refuses an unknown type, a stale version, bad data and unbalanced postings', () => {
    expect(() =>
      ledgerEventCatalogue.validate({ type: 'Nope', schemaVersion: 1, data: {} }),
    ).toThrow(EventValidationError);
    const data = {
      appropriationId: 'apr_1',
      regionCode: '370800',
      amountFen: 100,
      source: 'fiscal',
      receivedOn: '2023-01-01',
      reference: 'r',
      postings: [
        { account: 'external:appropriation', debitFen: 100, creditFen: 0 },
        { account: 'fund:assistance:370800', debitFen: 0, creditFen: 100 },
      ],
    };
    expect(() =>
      ledgerEventCatalogue.validate({ type: 'AppropriationReceived', schemaVersion: 1, data }),
    ).not.toThrow();
    expect(() =>
      ledgerEventCatalogue.validate({ type: 'AppropriationReceived', schemaVersion: 0, data }),
    ).toThrow(/schema version/);
    expect(() =>
      ledgerEventCatalogue.validate({
        type: 'AppropriationReceived',
        schemaVersion: 1,
        data: { ...data, amountFen: 1.5 },
      }),
    ).toThrow(/amountFen/);
    const unbalanced = {
      ...data,
      postings: [
        { account: 'external:appropriation', debitFen: 100, creditFen: 0 },
        { account: 'fund:assistance:370800', debitFen: 0, creditFen: 99 },
      ],
    };
    expect(() =>
      ledgerEventCatalogue.validate({
        type: 'AppropriationReceived',
        schemaVersion: 1,
        data: unbalanced,
      }),
    ).toThrow(/do not balance/);
  });

  it('requires an upcaster for every older version', () => {
    expect(() =>
      defineEvent({ type: 'X', version: 2, description: '', schema: Type.Object({}) }),
    ).toThrow(/no upcaster from version 1/);
  });
});
