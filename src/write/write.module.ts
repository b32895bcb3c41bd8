import { Global, Module } from '@nestjs/common';
import { WriteService } from './write.service.js';
import { NaturalKeys } from './natural-keys.js';

@Global()
@Module({ providers: [WriteService, NaturalKeys], exports: [WriteService, NaturalKeys] })
export class WriteModule {}
