import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { IsLocalDate } from '../../http/local-date.validator.js';

export class ReceiveAppropriationDto {
  @ApiProperty({ description: 'amount received, integer fen, > 0' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  amountFen!: number;

  @ApiProperty({ description: 'fiscal budget, lottery fund or donation', enum: ['fiscal', 'lottery', 'donation'] })
  @IsIn(['fiscal', 'lottery', 'donation'])
  source!: 'fiscal' | 'lottery' | 'donation';

  @ApiProperty({ description: 'date received YYYY-MM-DD (the business date of the posting)' })
  @IsLocalDate()
  receivedOn!: string;

  @ApiProperty({ description: "the transfer's voucher reference; natural key within the region" })
  @IsString()
  @Length(1, 200)
  reference!: string;
}
