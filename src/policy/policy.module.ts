import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Catalogue } from './domain/catalogue.js';

export const policyCatalogueToken = Symbol('PolicyCatalogue');

/** The settlement policy catalogue, loaded and validated once at start. */
@Global()
@Module({})
export class PolicyModule {
  static forRoot(catalogue: Catalogue): DynamicModule {
    return {
      module: PolicyModule,
      providers: [{ provide: policyCatalogueToken, useValue: catalogue }],
      exports: [policyCatalogueToken],
    };
  }
}
