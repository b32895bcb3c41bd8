import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsLocalDate } from '../../http/local-date.validator.js';

export const enrollmentChannels = ['centralized', 'newborn', 'special-late', 'transfer-in', 'late'] as const;

export class EnrollDto {
  @ApiProperty({ description: 'the person, from POST /persons' })
  @IsString()
  @Length(1, 64)
  personId!: string;

  @ApiProperty({ description: 'pooling region (GB/T 2260) the person enrolls in', example: '370800' })
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit GB/T 2260 code' })
  regionCode!: string;

  @ApiProperty({ description: 'coverage year', example: 2023 })
  @IsInt()
  @Min(1990)
  @Max(2200)
  coverageYear!: number;

  @ApiProperty({ description: '成年居民 adult or 学生儿童 student-child', enum: ['adult', 'student-child'] })
  @IsIn(['adult', 'student-child'])
  category!: 'adult' | 'student-child';

  @ApiProperty({ description: 'enrollment channel; decides when coverage and benefits start', enum: enrollmentChannels })
  @IsIn(enrollmentChannels)
  channel!: (typeof enrollmentChannels)[number];

  @ApiProperty({ description: 'enrollment date YYYY-MM-DD' })
  @IsLocalDate()
  enrolledOn!: string;
}

export class PayContributionDto {
  @ApiProperty({ description: 'receipt number of the payment (natural key: the same receipt again is a replay)' })
  @IsString()
  @Length(1, 64)
  receiptNo!: string;

  @ApiProperty({ description: 'payment date YYYY-MM-DD' })
  @IsLocalDate()
  paidOn!: string;

  @ApiProperty({ description: 'amount paid, integer fen; must equal dueFromPersonFen' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen!: number;
}

export class RefundEnrollmentDto {
  @ApiProperty({ description: 'refund date YYYY-MM-DD' })
  @IsLocalDate()
  refundedOn!: string;

  @ApiProperty({ description: 'why the refund is made' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}
