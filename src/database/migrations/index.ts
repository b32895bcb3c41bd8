import { EventLog1763800000000 } from './1763800000000-event-log.js';

/** Every schema migration, in order. Run at start (TypeORM migrationsRun). */
export const migrations = [EventLog1763800000000];
