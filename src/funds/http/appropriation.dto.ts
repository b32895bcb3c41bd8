import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsFen, IsText } from '../../http/input.validators.js';
import { IsLocalDate } from '../../http/local-date.validator.js';

export class ReceiveAppropriationDto {
  @ApiProperty({ description: 'amount received, integer fen, > 0' })
  @IsFen(1)
  amountFen!: number;

  @ApiProperty({
    description: 'fiscal budget, lottery fund or donation',
    enum: ['fiscal', 'lottery', 'donation'],
  })
  @IsIn(['fiscal', 'lottery', 'donation'])
  source!: 'fiscal' | 'lottery' | 'donation';

  @ApiProperty({ description: 'date received YYYY-MM-DD (the business date of the posting)' })
  @IsLocalDate()
  receivedOn!: string;

  @ApiProperty({ description: "the transfer's voucher reference; natural key within the region" })
  @IsText()
  reference!: string;
}
