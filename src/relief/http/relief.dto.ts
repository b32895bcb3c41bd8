import { ApiProperty } from '@nestjs/swagger';
import { IsFen, IsId, IsText } from '../../http/input.validators.js';
import { IsLocalDate } from '../../http/local-date.validator.js';

export class GrantReliefDto {
  @ApiProperty()
  @IsId()
  personId!: string;

  @ApiProperty({
    description:
      'date of the relief (its business date; the category in force then decides eligibility)',
  })
  @IsLocalDate()
  onDate!: string;

  @ApiProperty({ description: 'inpatient burden settled outside one-stop settlement, integer fen' })
  @IsFen(1)
  burdenFen!: number;

  @ApiProperty({ description: 'application reference; natural key per person' })
  @IsText()
  reference!: string;
}
