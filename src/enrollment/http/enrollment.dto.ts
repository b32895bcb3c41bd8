import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { IsFen, IsId, IsRegionCode, IsText } from '../../http/input.validators.js';
import { IsLocalDate } from '../../http/local-date.validator.js';

export const enrollmentChannels = [
  'centralized',
  'newborn',
  'special-late',
  'transfer-in',
  'late',
] as const;

export class EnrollDto {
  @ApiProperty({ description: 'the person, from POST /persons' })
  @IsId()
  personId!: string;

  @ApiProperty({
    description: 'pooling region (GB/T 2260) the person enrolls in',
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
    description: '成年居民 adult or 学生儿童 student-child',
    enum: ['adult', 'student-child'],
  })
  @IsIn(['adult', 'student-child'])
  category!: 'adult' | 'student-child';

  @ApiProperty({
    description: 'enrollment channel; decides when coverage and benefits start',
    enum: enrollmentChannels,
  })
  @IsIn(enrollmentChannels)
  channel!: (typeof enrollmentChannels)[number];

  @ApiProperty({ description: 'enrollment date YYYY-MM-DD' })
  @IsLocalDate()
  enrolledOn!: string;
}

export class PayContributionDto {
  @ApiProperty({
    description: 'receipt number of the payment (natural key: the same receipt again is a replay)',
  })
  @IsId()
  receiptNo!: string;

  @ApiProperty({ description: 'payment date YYYY-MM-DD' })
  @IsLocalDate()
  paidOn!: string;

  @ApiProperty({ description: 'amount paid, integer fen; must equal dueFromPersonFen' })
  @IsFen(0)
  amountFen!: number;
}

export class RefundEnrollmentDto {
  @ApiProperty({ description: 'refund date YYYY-MM-DD' })
  @IsLocalDate()
  refundedOn!: string;

  @ApiProperty({ description: 'why the refund is made' })
  @IsText()
  reason!: string;
}
