import { ApiProperty } from '@nestjs/swagger';
import { IsText } from '../../http/input.validators.js';

export class ErasureDto {
  @ApiProperty({
    description:
      'the legal basis of the erasure (e.g. 《个人信息保护法》第四十七条 and the request it answers); recorded, with no personal data, in PersonErased',
    example: '《个人信息保护法》第四十七条, request 2026-118',
  })
  @IsText(500)
  legalBasis!: string;
}
