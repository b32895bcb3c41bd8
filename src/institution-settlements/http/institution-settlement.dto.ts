import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsText } from '../../http/input.validators.js';
import { IsLocalDate } from '../../http/local-date.validator.js';

export const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
export const institutionIdPattern = /^[A-Za-z0-9_.-]{1,64}$/;

export class SettleMonthDto {
  @ApiProperty({ description: 'medical institution code', example: 'H37080001' })
  @Matches(institutionIdPattern, {
    message: 'institutionId must be 1 to 64 letters, digits, _ . or -',
  })
  institutionId!: string;

  @ApiProperty({ description: 'the month settled, YYYY-MM; it must have ended (Asia/Shanghai)' })
  @Matches(monthPattern, { message: 'month must be YYYY-MM' })
  month!: string;
}

export class PaySettlementDto {
  @ApiProperty({ description: 'the day the bank paid (not after today, not before approval)' })
  @IsLocalDate()
  paidOn!: string;

  @ApiProperty({ description: "the bank's reference of the transfer (医银直联)" })
  @IsText()
  bankReference!: string;
}
