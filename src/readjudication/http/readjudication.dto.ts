import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsText } from '../../http/input.validators.js';

export class ReadjudicateYearDto {
  @ApiProperty({ description: 'the coverage year to settle again (重新结算)', example: 2023 })
  @IsInt()
  @Min(1990)
  @Max(2200)
  coverageYear!: number;

  @ApiProperty({
    description: 'why (e.g. the status change on application that reaches back into the year)',
  })
  @IsText(500)
  reason!: string;
}
