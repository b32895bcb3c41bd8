import { createHash } from 'node:crypto';

// The log as a Merkle tree (RFC 9162 section 2.1, with SM3 for SHA-256): leaf i is the chain hash
// of the event at position i + 1 (tamper-evidence.ts), leaf hash = SM3(0x00 ‖ leaf), interior
// node = SM3(0x01 ‖ left ‖ right). Every hash the tree needs is the hash of a subtree
// [start, start + size); the ones RFC 9162's recursion names are either perfect (size a power of
// two, start a multiple of it: stored once, never changing) or a perfect left part followed by a
// smaller such range. So the root at any size and every proof come from stored perfect subtrees.
// 默克尔树：叶 = 事件链哈希，SM3。

export type Hash = Buffer;

/** A range of leaves [start, start + size). */
export interface Subtree {
  readonly start: number;
  readonly size: number;
}

/** A perfect subtree: 2^level leaves from index * 2^level on. */
export interface NodeRef {
  readonly level: number;
  readonly index: number;
}

export const hashBytes = 32;

export function sm3(...parts: readonly Uint8Array[]): Hash {
  const h = createHash('sm3');
  for (const p of parts) h.update(p);
  return h.digest();
}

export function leafHash(chainHashHex: string): Hash {
  return sm3(Buffer.of(0x00), Buffer.from(chainHashHex, 'hex'));
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return sm3(Buffer.of(0x01), left, right);
}

/** The largest power of two strictly below n (n >= 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

// Tree sizes are integers up to 2^53: exact integer arithmetic, no floating-point logarithm.
function isPowerOfTwo(n: number): boolean {
  if (!Number.isSafeInteger(n) || n < 1) return false;
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** The exponent of a power of two (n = 2^k). */
function log2(n: number): number {
  let k = 0;
  for (let p = 1; p < n; p *= 2) k += 1;
  return k;
}

/** The perfect subtrees whose hashes make up the hash of a range, left to right. */
export function perfectNodesOf(range: Subtree): NodeRef[] {
  const nodes: NodeRef[] = [];
  let { start, size } = range;
  while (size > 0) {
    const part = isPowerOfTwo(size) ? size : splitPoint(size);
    nodes.push({ level: log2(part), index: start / part });
    start += part;
    size -= part;
  }
  return nodes;
}

/** The hash of a range from the hashes of its perfect subtrees (perfectNodesOf's order). */
export function rangeHash(perfect: readonly Hash[]): Hash {
  if (perfect.length === 0) throw new Error('a range of no leaves has no hash');
  let hash = perfect[perfect.length - 1]!;
  for (let i = perfect.length - 2; i >= 0; i -= 1) hash = nodeHash(perfect[i]!, hash);
  return hash;
}

/** RFC 9162 2.1.3.1 PATH(m, D[n]): the ranges whose hashes form the audit path, leaf side first. */
export function inclusionRanges(leafIndex: number, treeSize: number): Subtree[] {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize)
    throw new RangeError(`leaf ${leafIndex} is not in a tree of ${treeSize}`);
  const path: Subtree[] = [];
  let start = 0;
  let size = treeSize;
  let m = leafIndex;
  const stack: Subtree[] = [];
  while (size > 1) {
    const k = splitPoint(size);
    if (m < k) {
      stack.push({ start: start + k, size: size - k });
      size = k;
    } else {
      stack.push({ start, size: k });
      start += k;
      size -= k;
      m -= k;
    }
  }
  while (stack.length > 0) path.push(stack.pop()!);
  return path;
}

/** RFC 9162 2.1.4.1 PROOF(m, D[n]): the ranges whose hashes form the consistency proof. */
export function consistencyRanges(from: number, to: number): Subtree[] {
  if (!Number.isInteger(from) || from < 1 || from > to)
    throw new RangeError(`no consistency proof from ${from} to ${to}`);
  if (from === to) return [];
  const stack: Subtree[] = [];
  let start = 0;
  let size = to;
  let m = from;
  let whole = true;
  for (;;) {
    if (m === size) {
      if (!whole) stack.push({ start, size });
      break;
    }
    const k = splitPoint(size);
    if (m <= k) {
      stack.push({ start: start + k, size: size - k });
      size = k;
    } else {
      stack.push({ start, size: k });
      start += k;
      size -= k;
      m -= k;
      whole = false;
    }
  }
  return stack.reverse();
}

/** The tree hash of all the leaves (RFC 9162 MTH), computed from scratch: the reference. */
export function rootOfLeaves(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return sm3();
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return nodeHash(rootOfLeaves(leaves.slice(0, k)), rootOfLeaves(leaves.slice(k)));
}

/** RFC 9162 2.1.3.2: does the audit path lead from the leaf hash to the root? */
export function verifyInclusion(
  leafIndex: number,
  treeSize: number,
  leaf: Hash,
  auditPath: readonly Hash[],
  root: Hash,
): boolean {
  if (!Number.isInteger(leafIndex) || leafIndex < 0 || leafIndex >= treeSize) return false;
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize - 1);
  let r = leaf;
  for (const p of auditPath) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

/** RFC 9162 2.1.4.2: is the tree of size `to` an append-only extension of the one of size `from`? */
export function verifyConsistency(
  from: number,
  to: number,
  fromRoot: Hash,
  toRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || from > to) return false;
  if (from === to) return proof.length === 0 && fromRoot.equals(toRoot);
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = BigInt(from - 1);
  let sn = BigInt(to - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && fr.equals(fromRoot) && sr.equals(toRoot);
}
