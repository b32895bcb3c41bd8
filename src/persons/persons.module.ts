import { Global, Module } from '@nestjs/common';
import { ChangePersonStatusHandler } from './application/change-person-status.handler.js';
import { GetPersonHandler } from './application/get-person.handler.js';
import { PersonHistoryHandler } from './application/person-history.handler.js';
import { RegisterPersonHandler } from './application/register-person.handler.js';
import { ClearReadLog } from './application/personal-data.js';
import { PersonsController } from './http/persons.controller.js';
import { eventStoreToken, type EventStore } from '../eventstore/event-store.port.js';
import { StreamCache } from '../eventstore/stream-cache.js';
import { FoldedPersonStates } from '../person-stream/application/folded-person-states.js';

@Global()
@Module({
  controllers: [PersonsController],
  providers: [
    {
      provide: StreamCache,
      inject: [eventStoreToken],
      useFactory: (store: EventStore) => new StreamCache(store),
    },
    { provide: FoldedPersonStates, useFactory: () => new FoldedPersonStates() },
    ClearReadLog,
    RegisterPersonHandler,
    ChangePersonStatusHandler,
    GetPersonHandler,
    PersonHistoryHandler,
  ],
})
export class PersonsModule {}
