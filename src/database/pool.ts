import pg from 'pg';

// Every pg pool of the service and the CLI. A connection that dies (PostgreSQL killed, restarted,
// network cut) emits 'error' on its client; node-postgres listens only while the client is idle in
// the pool, so a checked-out client (a relay's lock holder, a transaction between statements) with
// no listener would end the process. Here every client gets a listener for its whole life: the
// failure reaches the query that was running (which answers 503 upstream) and the pool throws the
// broken client away on release.

/** How long a request waits for a new connection before it is answered 503 (database away). */
export const connectTimeoutMs = 5000;

export function createPool(
  connectionString: string,
  max: number,
  log: (message: string, error: Error) => void = () => undefined,
): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: connectTimeoutMs });
  pool.on('error', (error) => log('idle database connection failed', error));
  pool.on('connect', (client) =>
    client.on('error', (error) => log('database connection failed', error)),
  );
  return pool;
}
