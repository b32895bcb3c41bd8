import { randomBytes } from 'node:crypto';
import { open, seal } from '../src/privacy/domain/sm4-seal.js';

// Issue 14's cost in process: sealing a registration's personal data (SM4-CTR + HMAC-SM3, two
// subkeys derived per call) and opening it again, as every registration and every first load of a
// sealed person does; a data key's wrap is one more of each. The HTTP figures (registrations and
// clear reads with their access-log row, through bench/service-process.ts) wait for that harness
// to connect as ledger_service: it starts the service as the superuser, which production refuses.

export async function benchPrivacy(): Promise<void> {
  const key = randomBytes(32);
  const plaintext = Buffer.from(
    JSON.stringify({ nationalId: '37080219750301001X', name: '隐私测试', birthDate: '1975-03-01' }),
  );
  for (const n of [2_000, 20_000]) {
    let t0 = process.hrtime.bigint();
    const sealed = Array.from({ length: n }, (_, i) => seal(key, plaintext, `per_${i}`));
    const sealUs = Number(process.hrtime.bigint() - t0) / 1e3 / n;
    t0 = process.hrtime.bigint();
    sealed.forEach((s, i) => open(key, s, `per_${i}`));
    const openUs = Number(process.hrtime.bigint() - t0) / 1e3 / n;
    console.log(
      `privacy: ${n} x seal ${sealUs.toFixed(1)} µs, open ${openUs.toFixed(1)} µs (personal data of one registration, ${plaintext.length} bytes)`,
    );
  }
  await Promise.resolve();
}
