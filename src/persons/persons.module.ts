import { Global, Module } from '@nestjs/common';
import { ChangePersonStatusHandler } from './application/change-person-status.handler.js';
import { GetPersonHandler } from './application/get-person.handler.js';
import { PersonHistoryHandler } from './application/person-history.handler.js';
import { PersonRepository } from './application/person.repository.js';
import { RegisterPersonHandler } from './application/register-person.handler.js';
import { PersonsController } from './http/persons.controller.js';

@Global()
@Module({
  controllers: [PersonsController],
  providers: [PersonRepository, RegisterPersonHandler, ChangePersonStatusHandler, GetPersonHandler, PersonHistoryHandler],
  exports: [PersonRepository],
})
export class PersonsModule {}
