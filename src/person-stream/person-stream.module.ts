import { Global, Module } from '@nestjs/common';
import { PersonCommandPath } from './application/person-command-path.js';
import { PersonStreamRepository } from './application/person-stream.repository.js';

/** The person stream's repository and its one command path, for every context that writes to it. */
@Global()
@Module({
  providers: [PersonStreamRepository, PersonCommandPath],
  exports: [PersonStreamRepository, PersonCommandPath],
})
export class PersonStreamModule {}
