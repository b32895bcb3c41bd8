import { randomBytes } from 'node:crypto';
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { sm3 } from './merkle-tree.js';

// SM2 digital signatures (GB/T 32918.2-2016, GM/T 0003.2), SM3 digest: the curve arithmetic is
// @noble/curves' audited Weierstrass code, the scheme is written out here because SM2 is not ECDSA:
// e = SM3(Z_A ‖ M) with Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A);
// r = (e + x1) mod n, s = (1 + d)^-1 (k - r·d) mod n. 国密 SM2 签名。

export interface Sm2Curve {
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly n: bigint;
  readonly Gx: bigint;
  readonly Gy: bigint;
}

/** The recommended curve sm2p256v1 (GB/T 32918.5). */
export const sm2p256v1: Sm2Curve = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

/** The signer ID when none is agreed (GM/T 0009). */
export const defaultSignerId = '1234567812345678';

export interface Sm2Signature {
  readonly r: bigint;
  readonly s: bigint;
}

export interface Sm2PublicKey {
  readonly x: bigint;
  readonly y: bigint;
}

const pointTypes = new Map<Sm2Curve, ReturnType<typeof weierstrass<bigint>>>();
function pointsOf(curve: Sm2Curve) {
  let points = pointTypes.get(curve);
  if (!points) {
    points = weierstrass<bigint>({ ...curve, h: 1n });
    pointTypes.set(curve, points);
  }
  return points;
}

function mod(a: bigint, n: bigint): bigint {
  const r = a % n;
  return r >= 0n ? r : r + n;
}

function invert(a: bigint, n: bigint): bigint {
  let [oldR, r] = [mod(a, n), n];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('not invertible');
  return mod(oldS, n);
}

export function bytes32(value: bigint): Buffer {
  return Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
}

export function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

export function publicKeyOf(privateKey: bigint, curve: Sm2Curve = sm2p256v1): Sm2PublicKey {
  const { x, y } = pointsOf(curve).BASE.multiply(privateKey).toAffine();
  return { x, y };
}

/** Z_A: the hash of the signer's ID, the curve and the public key. */
export function signerHash(id: string, key: Sm2PublicKey, curve: Sm2Curve = sm2p256v1): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(idBytes.length * 8);
  return sm3(
    entl,
    idBytes,
    bytes32(curve.a),
    bytes32(curve.b),
    bytes32(curve.Gx),
    bytes32(curve.Gy),
    bytes32(key.x),
    bytes32(key.y),
  );
}

function digestOf(message: Uint8Array, id: string, key: Sm2PublicKey, curve: Sm2Curve): bigint {
  return toBigInt(sm3(signerHash(id, key, curve), message));
}

/** A uniformly random scalar in [1, n - 2] (64 extra bits make the reduction bias negligible). */
export function randomScalar(curve: Sm2Curve = sm2p256v1): bigint {
  return (toBigInt(randomBytes(40)) % (curve.n - 2n)) + 1n;
}

export interface SignOptions {
  readonly id?: string;
  readonly curve?: Sm2Curve;
  /** the per-signature random k: only for checking against a published test vector */
  readonly fixedK?: bigint;
}

export function sm2Sign(
  message: Uint8Array,
  privateKey: bigint,
  options: SignOptions = {},
): Sm2Signature {
  const curve = options.curve ?? sm2p256v1;
  const { n } = curve;
  if (privateKey < 1n || privateKey > n - 2n) throw new RangeError('SM2 private key out of range');
  const e = digestOf(message, options.id ?? defaultSignerId, publicKeyOf(privateKey, curve), curve);
  const inverse = invert(1n + privateKey, n);
  for (;;) {
    const k = options.fixedK ?? randomScalar(curve);
    const x1 = pointsOf(curve).BASE.multiply(k).toAffine().x;
    const r = mod(e + x1, n);
    if (r === 0n || r + k === n) {
      if (options.fixedK !== undefined) throw new Error('the fixed k gives no signature');
      continue;
    }
    const s = mod(inverse * (k - r * privateKey), n);
    if (s === 0n) {
      if (options.fixedK !== undefined) throw new Error('the fixed k gives no signature');
      continue;
    }
    return { r, s };
  }
}

export function sm2Verify(
  message: Uint8Array,
  signature: Sm2Signature,
  publicKey: Sm2PublicKey,
  options: { readonly id?: string; readonly curve?: Sm2Curve } = {},
): boolean {
  const curve = options.curve ?? sm2p256v1;
  const { n } = curve;
  const { r, s } = signature;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const Points = pointsOf(curve);
  let P;
  try {
    P = Points.fromAffine({ x: publicKey.x, y: publicKey.y });
    P.assertValidity();
  } catch {
    return false;
  }
  const sum = Points.BASE.multiply(s).add(P.multiply(t));
  if (sum.equals(Points.ZERO)) return false;
  const e = digestOf(message, options.id ?? defaultSignerId, publicKey, curve);
  return mod(e + sum.toAffine().x, n) === r;
}

/** r ‖ s, 32 bytes each, big-endian. */
export function signatureBytes(signature: Sm2Signature): Buffer {
  return Buffer.concat([bytes32(signature.r), bytes32(signature.s)]);
}

export function signatureFromBytes(bytes: Uint8Array): Sm2Signature | undefined {
  if (bytes.length !== 64) return undefined;
  return { r: toBigInt(bytes.subarray(0, 32)), s: toBigInt(bytes.subarray(32)) };
}
