import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, ValidateIf } from 'class-validator';
import { IsFen, IsId, IsText } from '../../http/input.validators.js';
import { IsLocalDate } from '../../http/local-date.validator.js';

export class SettleClaimDto {
  @ApiProperty({ description: 'the insured person' })
  @IsId()
  personId!: string;

  @ApiProperty({ description: 'medical institution code', example: 'H37080001' })
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, {
    message: 'institutionId must be 1 to 64 letters, digits, _ . or -',
  })
  institutionId!: string;

  @ApiPropertyOptional({
    description:
      "基层 grassroots, 二级 secondary, 三级 tertiary; must be the registry's level on the service date; omitted: the registry's level is used",
    enum: ['grassroots', 'secondary', 'tertiary'],
  })
  @IsOptional()
  @IsIn(['grassroots', 'secondary', 'tertiary'])
  institutionLevel?: 'grassroots' | 'secondary' | 'tertiary';

  @ApiProperty({ enum: ['inpatient', 'outpatient-general', 'outpatient-chronic'] })
  @IsIn(['inpatient', 'outpatient-general', 'outpatient-chronic'])
  claimType!: 'inpatient' | 'outpatient-general' | 'outpatient-chronic';

  @ApiProperty({
    description:
      "the institution's invoice number; with institutionId the natural key of the claim",
  })
  @IsId()
  invoiceNo!: string;

  @ApiPropertyOptional({ description: 'inpatient: admission date (the service date)' })
  @ValidateIf((o: SettleClaimDto) => o.claimType === 'inpatient' || o.admissionDate !== undefined)
  @IsLocalDate()
  admissionDate?: string;

  @ApiPropertyOptional({
    description: 'inpatient: discharge date, on or after admission (the business date)',
  })
  @ValidateIf((o: SettleClaimDto) => o.claimType === 'inpatient' || o.dischargeDate !== undefined)
  @IsLocalDate()
  dischargeDate?: string;

  @ApiPropertyOptional({ description: 'outpatient: service date' })
  @ValidateIf((o: SettleClaimDto) => o.claimType !== 'inpatient' || o.serviceDate !== undefined)
  @IsLocalDate()
  serviceDate?: string;

  @ApiProperty({ description: 'total cost, integer fen' })
  @IsFen(0)
  totalCostFen!: number;

  @ApiProperty({
    description: 'policy-range cost (政策范围内费用), integer fen, at most totalCostFen',
  })
  @IsFen(0)
  policyCostFen!: number;

  @ApiPropertyOptional({ description: 'ICD-10 diagnosis code' })
  @IsOptional()
  @IsText(32)
  diagnosisCode?: string;
}

export class ReverseClaimDto {
  @ApiProperty({ description: 'why the claim is reversed (追回)' })
  @IsText()
  reason!: string;
}

export class CorrectClaimDto {
  @ApiProperty({ description: "the corrected total cost, integer fen, at most the claim's" })
  @IsFen(0)
  totalCostFen!: number;

  @ApiProperty({
    description:
      "the corrected policy-range cost, integer fen, at most the claim's and at most totalCostFen",
  })
  @IsFen(0)
  policyCostFen!: number;

  @ApiProperty({ description: 'why costs were disallowed (违规费用)' })
  @IsText()
  reason!: string;
}
