import { Agent, request } from 'node:http';

// The load generator's HTTP client: Node's http module over kept-alive connections. The bench's
// clients share the machine's two cores with the service and PostgreSQL, so what the client
// costs is taken from the service. Measured on this machine (32 clients, no-op server):
// `fetch` (undici) spent 0.66-1.15 ms of CPU per request, this client 0.10-0.31 ms.

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export interface JsonAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Sends one request with an optional JSON body and reads the JSON answer. */
export function sendJson(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Readonly<Record<string, string>>,
  body?: unknown,
): Promise<JsonAnswer> {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((done, fail) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method,
        agent,
        headers: {
          ...headers,
          ...(payload === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': String(Buffer.byteLength(payload)),
              }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          try {
            const text = Buffer.concat(chunks).toString('utf8');
            done({
              status: res.statusCode ?? 0,
              body: (text ? JSON.parse(text) : {}) as Record<string, unknown>,
            });
          } catch (error) {
            fail(error as Error);
          }
        });
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}
