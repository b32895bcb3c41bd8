import { ApiProperty } from '@nestjs/swagger';
import { IsText } from '../../http/input.validators.js';

export class MakeCheckpointDto {
  @ApiProperty({
    description: 'why the checkpoint is made (kept in the operator log), e.g. "month end"',
  })
  @IsText()
  reason!: string;
}
