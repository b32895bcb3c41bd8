import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsId, IsRegionCode, IsText } from '../../http/input.validators.js';
import { IsLocalDate } from '../../http/local-date.validator.js';

export const assistanceStatuses = [
  'extreme-poverty',
  'minimum-living-allowance',
  'poverty-relapse',
  'low-income-monitored',
  'illness-impoverished',
  'none',
] as const;

export class RegisterPersonDto {
  @ApiProperty({
    description:
      'resident ID (居民身份证号): 17 digits and a check character (digit or X), ISO 7064 MOD 11-2',
    example: '11010519491231002X',
  })
  @IsId()
  nationalId!: string;

  @ApiProperty({ description: 'name as on the resident ID', example: '张三' })
  @IsText(100)
  name!: string;

  @ApiProperty({
    description: 'birth date YYYY-MM-DD; must match the resident ID',
    example: '1949-12-31',
  })
  @IsLocalDate()
  birthDate!: string;

  @ApiProperty({ description: 'GB/T 2260 region code of residence', example: '370800' })
  @IsRegionCode()
  regionCode!: string;
}

export class ChangeAssistanceStatusDto {
  @ApiProperty({
    description: 'assistance category (困难群众类别) or none',
    enum: assistanceStatuses,
  })
  @IsIn(assistanceStatuses)
  category!: (typeof assistanceStatuses)[number];

  @ApiProperty({ description: 'in force from this date (YYYY-MM-DD)' })
  @IsLocalDate()
  effectiveFrom!: string;
}

export class RecordDeathDto {
  @ApiProperty({ description: 'date of death (YYYY-MM-DD); claims dated after it are refused' })
  @IsLocalDate()
  dateOfDeath!: string;
}
