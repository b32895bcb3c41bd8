import { Global, Module } from '@nestjs/common';
import { WriteService } from './write.service.js';

@Global()
@Module({ providers: [WriteService], exports: [WriteService] })
export class WriteModule {}
