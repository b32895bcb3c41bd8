import { randomBytes } from 'node:crypto';
import { residentIdWithCheck } from '../src/persons/domain/resident-id.js';
import { open, seal } from '../src/privacy/domain/sm4-seal.js';
import { startBenchDatabase } from './bench-database.js';
import { startService, type RunningService } from './service-process.js';

// Issue 14's cost: sealing personal data (SM4-CTR + HMAC-SM3) in process, registrations through
// HTTP (each makes and wraps a data key, seals, appends), and a clear read of a person (which first
// writes a chained access-log row under an advisory lock) against a read of the same person's
// usage (no access-log row), with 1 and 8 concurrent clients. Baselines from the same run.

const perClient = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed(
  clients: number,
  each: number,
  call: (c: number, i: number) => Promise<number>,
) {
  const latencies: number[] = [];
  let failed = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < each; i += 1) {
        const t0 = process.hrtime.bigint();
        const status = await call(c, i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (status >= 300) failed += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((x, y) => x - y);
  return `${((clients * each) / seconds).toFixed(0).padStart(6)}/s  p50 ${percentile(latencies, 50).toFixed(2)} ms  p99 ${percentile(latencies, 99).toFixed(2)} ms${failed ? `  FAILED ${failed}` : ''}`;
}

let serial = 0;
async function register(service: RunningService): Promise<{ status: number; personId: string }> {
  serial += 1;
  const day = String(1 + (serial % 28)).padStart(2, '0');
  const res = await fetch(`${service.baseUrl}/api/v1/persons`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      nationalId: residentIdWithCheck(
        `3708021975${'03'}${day}${String(serial % 1000).padStart(3, '0')}`,
      ),
      name: `隐私${serial}`,
      birthDate: `1975-03-${day}`,
      regionCode: '370800',
    }),
  });
  const body = (await res.json()) as { personId: string };
  return { status: res.status, personId: body.personId };
}

async function read(service: RunningService, path: string): Promise<number> {
  const res = await fetch(`${service.baseUrl}/api/v1${path}`, {
    headers: { authorization: `Bearer ${service.key}` },
  });
  await res.arrayBuffer();
  return res.status;
}

export async function benchPrivacy(): Promise<void> {
  const key = randomBytes(32);
  const plaintext = Buffer.from(
    JSON.stringify({ nationalId: '37080219750301001X', name: '隐私测试', birthDate: '1975-03-01' }),
  );
  const n = 20_000;
  let t0 = process.hrtime.bigint();
  const sealed = Array.from({ length: n }, (_, i) => seal(key, plaintext, `per_${i}`));
  const sealUs = Number(process.hrtime.bigint() - t0) / 1e3 / n;
  t0 = process.hrtime.bigint();
  sealed.forEach((s, i) => open(key, s, `per_${i}`));
  const openUs = Number(process.hrtime.bigint() - t0) / 1e3 / n;
  console.log(
    `privacy: seal ${sealUs.toFixed(1)} µs, open ${openUs.toFixed(1)} µs per registration's personal data (${plaintext.length} bytes)`,
  );

  const database = await startBenchDatabase();
  const service = await startService(database.url);
  try {
    const persons: string[] = [];
    for (let i = 0; i < 50; i += 1) persons.push((await register(service)).personId); // warm-up
    for (const clients of [1, 8]) {
      console.log(
        `privacy: POST /persons (sealed)              ${clients} client(s): ${await timed(clients, perClient / clients, async () => (await register(service)).status)}`,
      );
      console.log(
        `privacy: GET /persons/{id}/usage (no row)    ${clients} client(s): ${await timed(clients, perClient, (c, i) => read(service, `/persons/${persons[(c * 7 + i) % persons.length]}/usage?year=2023`))}`,
      );
      console.log(
        `privacy: GET /persons/{id} (access-log row)  ${clients} client(s): ${await timed(clients, perClient, (c, i) => read(service, `/persons/${persons[(c * 7 + i) % persons.length]}`))}`,
      );
    }
  } finally {
    await service.stop();
    await database.stop();
  }
}
