import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator.js';
import { logReaderToken, type LogReader } from '../../eventstore/log-reader.port.js';
import { badField, refused } from '../../http/problem-error.js';
import type { Catalogue } from '../../policy/domain/catalogue.js';
import { policyCatalogueToken } from '../../policy/policy-catalogue.token.js';
import { ReadModels } from '../../read-models/read-models.module.js';
import {
  runSimulation,
  SimulationRefused,
  type SimulationAnswer,
} from '../application/run-simulation.js';
import { SimulatePolicyDto } from './policy-simulation.dto.js';
import { RegionYearClaimsQuery } from '../../../projections/claims/region-year-claims.query.js';

// 政策仿真: a computation over the recorded past, not a write. It goes through no WriteService,
// so nothing is recorded, not even an idempotency entry: the same request gives the same answer
// as long as the region-year's log is the same.

@ApiTags('policies')
@ApiBearerAuth()
@Controller('policy-simulations')
export class PolicySimulationsController {
  constructor(
    @Inject(policyCatalogueToken) private readonly catalogue: Catalogue,
    @Inject(logReaderToken) private readonly log: LogReader,
    private readonly readModels: ReadModels,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('finance', 'auditor')
  @ApiOperation({
    summary:
      'Policy simulation (政策仿真): the region-year settled again under the entry in force and under a proposed change; nothing recorded',
    description:
      "Every person's settled, unreversed claims and relief grants of the pooling region and year, settled again in recorded order from zero annual sums, once under the entry in force (baseline) and once under the entry with `changes` merged in (proposed). Answer: claims, reliefGrants, persons; recordedFen (what was recorded), baselineFen, proposedFen, differenceFen (proposed - baseline), each {basicFen, criticalIllnessFen, assistanceFen, reAssistanceFen, personalFen} (a relief grant's personalFen: its burden less what it pays); byCategory (assistance category on the claim), byLevel (institution level; relief grants under null), byClaimType (relief grants under relief), each with settlements and the four amounts; personsAtCap {baseline, proposed}: persons whose paid total reached each cap (inpatientBasic, outpatientGeneral, outpatientChronic, criticalIllness, assistance, reAssistance); changedNumbers [{field, inForce, proposed}]; asOfPosition (the log read up to). 400 naming changes.<field> when the merged entry fails the catalogue validation; 422 no-policy when the region and year have no entry.",
  })
  async simulate(@Body() dto: SimulatePolicyDto): Promise<SimulationAnswer> {
    const head = await this.readModels.ready(RegionYearClaimsQuery.reads);
    const sources = { log: this.log, claims: new RegionYearClaimsQuery(this.readModels.pool) };
    try {
      return await runSimulation(this.catalogue, sources, head, dto);
    } catch (error) {
      if (!(error instanceof SimulationRefused)) throw error;
      const r = error.refusal;
      throw r.kind === 'no-policy' ? refused('no-policy', r.detail) : badField(r.field, r.message);
    }
  }
}
