import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import { notFound } from '../../http/problem-error.js';
import type { Catalogue, PolicyEntry } from '../domain/catalogue.js';
import { sourcedNumbers } from '../domain/provenance.js';
import { policyCatalogueToken } from '../policy-catalogue.token.js';

// The catalogue as loaded at start, each number beside what it rests on, so finance can tell a
// figure quoted from a document from an assumption without reading catalogue.json.

const policyIdShownMax = 64; // characters of an unknown policyId echoed in the 404

function view(entry: PolicyEntry) {
  const numbers = sourcedNumbers(entry).map((n) => ({
    field: n.field,
    value: n.value,
    assumption: n.provenance.kind === 'assumption',
    coveredBy: n.coveredBy,
    provenance: n.provenance,
  }));
  const assumed = numbers.filter((n) => n.assumption).length;
  return {
    ...entry,
    numbers,
    numberCount: { total: numbers.length, sourced: numbers.length - assumed, assumed },
  };
}

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PoliciesController {
  constructor(@Inject(policyCatalogueToken) private readonly catalogue: Catalogue) {}

  @Get()
  @Roles('auditor', 'investigator', 'finance')
  @ApiOperation({
    summary: 'The policy catalogue entries, each number and date beside its provenance',
    description:
      'Each entry as in catalogue.json (schema version 2) plus numbers: [{field, value, assumption, coveredBy, provenance}], one row per number and date (field path as in provenance; coveredBy: the provenance key naming it or a subtree holding it; assumption: true when it rests on a stated assumption, false when quoted from a source document), and numberCount {total, sourced, assumed}.',
  })
  list() {
    return {
      schemaVersion: this.catalogue.schemaVersion,
      policies: this.catalogue.policies.map(view),
    };
  }

  @Get(':policyId')
  @Roles('auditor', 'investigator', 'finance')
  @ApiOperation({
    summary: 'One policy catalogue entry, each number and date beside its provenance',
    description:
      'The shape of one element of GET /policies; 404 not-found for an unknown policyId.',
  })
  @ApiParam({ name: 'policyId', example: '370800-2023' })
  one(@Param('policyId') policyId: string) {
    const entry = this.catalogue.policies.find((p) => p.policyId === policyId);
    if (!entry) throw notFound('policy', policyId.slice(0, policyIdShownMax));
    return view(entry);
  }
}
