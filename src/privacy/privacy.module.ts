import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { loadOrCreateIdKey } from '../identity/id-key-file.js';
import { AccessLog } from './application/access-log.js';
import { ErasePersonHandler } from './application/erase-person.handler.js';
import { PersonalDataCodec } from './application/personal-data-codec.js';
import { masterKeyToken, PersonKeys } from './application/person-keys.js';
import { AccessLogController } from './http/access-log.controller.js';
import { ErasureController } from './http/erasure.controller.js';

/**
 * Personal data sealed per person (SM4) and erasure that keeps the chain; the chained access log
 * of clear reads. The master key file is loaded (or at first start created, mode 0600) like the
 * id key: it wraps every person's data key and never enters the database.
 */
@Global()
@Module({})
export class PrivacyModule {
  static forRoot(personalDataKeyFile: string): DynamicModule {
    return {
      module: PrivacyModule,
      controllers: [ErasureController, AccessLogController],
      providers: [
        {
          provide: masterKeyToken,
          useFactory: () => {
            const { key, created } = loadOrCreateIdKey(
              personalDataKeyFile,
              'LEDGER_PERSONAL_DATA_KEY_FILE',
            );
            if (created)
              new Logger('privacy').log({
                message:
                  'created the personal-data master key file; back it up apart from the database (without it no personal data can be read)',
                path: personalDataKeyFile,
              });
            return key.subarray(0, 32);
          },
        },
        PersonKeys,
        PersonalDataCodec,
        AccessLog,
        ErasePersonHandler,
      ],
      exports: [PersonKeys, PersonalDataCodec, AccessLog],
    };
  }
}
