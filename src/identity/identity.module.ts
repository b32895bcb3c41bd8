import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { loadOrCreateIdKey } from './id-key-file.js';
import { OpaqueIds } from './opaque-ids.js';

/** Loads (or at first start creates) the id key file and provides the keyed ids. */
@Global()
@Module({})
export class IdentityModule {
  static forRoot(idKeyFile: string): DynamicModule {
    return {
      module: IdentityModule,
      providers: [
        {
          provide: OpaqueIds,
          useFactory: () => {
            const { key, created } = loadOrCreateIdKey(idKeyFile);
            if (created)
              new Logger('identity').log({
                message: 'created the id key file; back it up apart from the database',
                path: idKeyFile,
              });
            return new OpaqueIds(key);
          },
        },
      ],
      exports: [OpaqueIds],
    };
  }
}
