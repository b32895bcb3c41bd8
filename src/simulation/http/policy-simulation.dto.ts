import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsObject, Max, Min } from 'class-validator';
import { IsRegionCode } from '../../http/input.validators.js';

export class SimulatePolicyDto {
  @ApiProperty({
    description:
      'region (GB/T 2260); a county code is simulated in its pooling region, the city (first four digits + 00)',
    example: '370800',
  })
  @IsRegionCode()
  regionCode!: string;

  @ApiProperty({ description: 'coverage year', example: 2023 })
  @IsInt()
  @Min(1990)
  @Max(2200)
  coverageYear!: number;

  @ApiProperty({
    description:
      'a partial catalogue entry (the shape of catalogue.json), deep-merged into the entry in force: objects merge key by key, any other value (number, date, null, array) replaces the one in force; policyId, regionCode, regionName and coverageYear cannot change. The merged entry must pass the catalogue validation (with provenance); a refusal is 400 naming the field as changes.<path>.',
    example: { inpatient: { levels: { tertiary: { ratioBp: 6500 } } } },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  changes!: Record<string, unknown>;
}
