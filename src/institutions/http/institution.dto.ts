import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsRegionCode, IsText } from '../../http/input.validators.js';
import { IsLocalDate } from '../../http/local-date.validator.js';

const levels = ['grassroots', 'secondary', 'tertiary'] as const;
type Level = (typeof levels)[number];

// Agreement, level and suspension dates are plans as often as records (an agreement from next
// month, a suspension from Monday): they may lie after today.

export class RegisterInstitutionDto {
  @ApiProperty({ description: 'medical institution code', example: 'H37080001' })
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'institutionId must be 1 to 64 letters, digits, _ . or -',
  })
  institutionId!: string;

  @ApiProperty({ description: 'the name of the institution' })
  @IsText()
  name!: string;

  @ApiProperty({ description: '基层 grassroots, 二级 secondary, 三级 tertiary', enum: levels })
  @IsIn(levels)
  level!: Level;

  @ApiProperty({ description: 'GB/T 2260 region code of the institution' })
  @IsRegionCode()
  regionCode!: string;

  @ApiProperty({ description: 'the service agreement (医保服务协议) from this date (inclusive)' })
  @IsLocalDate({ future: true })
  agreementFrom!: string;

  @ApiPropertyOptional({ description: 'the agreement to this date (inclusive); none: open-ended' })
  @IsOptional()
  @IsLocalDate({ future: true })
  agreementTo?: string;
}

export class ChangeInstitutionLevelDto {
  @ApiProperty({ enum: levels })
  @IsIn(levels)
  level!: Level;

  @ApiProperty({
    description: 'the level holds from this date; a change on the same date replaces it',
  })
  @IsLocalDate({ future: true })
  effectiveFrom!: string;
}

export class SuspendInstitutionDto {
  @ApiProperty({ description: 'suspended from this date (inclusive)' })
  @IsLocalDate({ future: true })
  from!: string;

  @ApiPropertyOptional({
    description:
      'suspended to this date (inclusive); none: until a suspension with the same from date sets an end',
  })
  @IsOptional()
  @IsLocalDate({ future: true })
  to?: string;

  @ApiProperty({ description: 'why (e.g. 违规 findings of an inspection)' })
  @IsText()
  reason!: string;
}
