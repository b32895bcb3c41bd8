import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsObject,
  ValidateBy,
  ValidateNested,
  buildMessage,
} from 'class-validator';
import { IsFen, IsId, IsRegionCode } from '../../http/input.validators.js';
import { IsLocalDate } from '../../http/local-date.validator.js';
import { chinaDate } from '../../shared/domain/business-date.js';
import { institutionFileLinesMax } from '../domain/institution-file.js';
import { isMonth, isQuarter, quarterRange } from '../domain/reconciliation-periods.js';

/** Lines in a collector's file. */
export const collectionFileLinesMax = 200_000;

/** Why a value is not a month that has begun (YYYY-MM, from 1900-01, not after this month in China), or undefined. */
export function monthFault(value: unknown, now = new Date()): string | undefined {
  if (!isMonth(value)) return 'must be a month YYYY-MM from 1900-01';
  const current = chinaDate(now).slice(0, 7);
  if (value > current) return `must not be after this month (${current}, Asia/Shanghai)`;
  return undefined;
}

/** Why a value is not a quarter that has begun (YYYY-Qn), or undefined. */
export function quarterFault(value: unknown, now = new Date()): string | undefined {
  if (!isQuarter(value)) return 'must be a quarter YYYY-Qn (n from 1 to 4) from 1900-Q1';
  const today = chinaDate(now);
  if (quarterRange(value).from > today)
    return `must not be after this quarter (today is ${today}, Asia/Shanghai)`;
  return undefined;
}

function IsMonth(): PropertyDecorator {
  return ValidateBy({
    name: 'isMonth',
    validator: {
      validate: (value: unknown) => monthFault(value) === undefined,
      defaultMessage: buildMessage((_, args) => `${args?.property} ${monthFault(args?.value)}`),
    },
  });
}

function IsQuarter(): PropertyDecorator {
  return ValidateBy({
    name: 'isQuarter',
    validator: {
      validate: (value: unknown) => quarterFault(value) === undefined,
      defaultMessage: buildMessage((_, args) => `${args?.property} ${quarterFault(args?.value)}`),
    },
  });
}

export class InstitutionClaimLineDto {
  @ApiProperty({
    description: "the hospital's invoice number (with the institution, a claim's natural key)",
  })
  @IsId()
  invoiceNo!: string;

  @ApiProperty({ description: 'total cost of the claim, integer fen' })
  @IsFen(0)
  totalCostFen!: number;

  @ApiProperty({
    description:
      'what the funds paid: basic + critical illness + assistance + re-assistance, integer fen (at most totalCostFen)',
  })
  @IsFen(0)
  fundPaidFen!: number;
}

export class ReconcileInstitutionDto {
  @ApiProperty({ description: 'the institution whose file this is' })
  @IsId()
  institutionId!: string;

  @ApiProperty({
    description:
      'the month reconciled, YYYY-MM (claims by business date: discharge, or service date for outpatient)',
    example: '2023-03',
  })
  @IsMonth()
  month!: string;

  @ApiProperty({
    type: [InstitutionClaimLineDto],
    maxItems: institutionFileLinesMax,
    description: 'one line per invoice, each invoice once',
  })
  @IsArray()
  @ArrayMaxSize(institutionFileLinesMax)
  @ValidateNested({ each: true })
  @Type(() => InstitutionClaimLineDto)
  claims!: InstitutionClaimLineDto[];
}

export class CollectedPaymentDto {
  @ApiProperty({ description: 'the receipt number of the payment (natural key, ledger-wide)' })
  @IsId()
  receiptNo!: string;

  @ApiProperty({ description: 'amount collected, integer fen' })
  @IsFen(1)
  amountFen!: number;

  @ApiProperty({ description: 'date paid, YYYY-MM-DD, within from..to' })
  @IsLocalDate()
  paidOn!: string;
}

export class ReconcileCollectionsDto {
  @ApiProperty({
    description:
      'the region of the file; compared with its pooling region (a county pools in its city)',
  })
  @IsRegionCode()
  regionCode!: string;

  @ApiProperty({ description: 'first date of the range, YYYY-MM-DD' })
  @IsLocalDate()
  from!: string;

  @ApiProperty({ description: 'last date of the range, YYYY-MM-DD (not before from)' })
  @IsLocalDate()
  to!: string;

  @ApiProperty({
    type: [CollectedPaymentDto],
    maxItems: collectionFileLinesMax,
    description: 'one line per receipt, each receipt once',
  })
  @IsArray()
  @ArrayMaxSize(collectionFileLinesMax)
  @ValidateNested({ each: true })
  @Type(() => CollectedPaymentDto)
  payments!: CollectedPaymentDto[];
}

export class TreasuryFiguresDto {
  @ApiProperty({ description: "the special account's income in the quarter, integer fen" })
  @IsFen(0)
  incomeFen!: number;

  @ApiProperty({ description: "the special account's expense in the quarter, integer fen" })
  @IsFen(0)
  expenseFen!: number;

  @ApiProperty({ description: "the special account's balance at the quarter's end, integer fen" })
  @IsFen(0)
  closingBalanceFen!: number;
}

export class ReconcileAssistanceFundDto {
  @ApiProperty({
    description:
      "the region of the treasury's figures; compared with its pooling region's assistance fund",
  })
  @IsRegionCode()
  regionCode!: string;

  @ApiProperty({ description: 'the quarter, YYYY-Qn', example: '2023-Q1' })
  @IsQuarter()
  quarter!: string;

  @ApiProperty({ type: TreasuryFiguresDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TreasuryFiguresDto)
  treasury!: TreasuryFiguresDto;
}
