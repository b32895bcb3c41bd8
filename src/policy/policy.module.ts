import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Catalogue } from './domain/catalogue.js';
import { PoliciesController } from './http/policies.controller.js';
import { policyCatalogueToken } from './policy-catalogue.token.js';

export { policyCatalogueToken };

/** The settlement policy catalogue, loaded and validated once at start, and its read routes. */
@Global()
@Module({})
export class PolicyModule {
  static forRoot(catalogue: Catalogue): DynamicModule {
    return {
      module: PolicyModule,
      controllers: [PoliciesController],
      providers: [{ provide: policyCatalogueToken, useValue: catalogue }],
      exports: [policyCatalogueToken],
    };
  }
}
