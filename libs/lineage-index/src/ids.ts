/**
 * Node and edge ids are PostgreSQL bigints from identity sequences. Held as doubles they stay exact up
 * to 2^53, which a sequence will not reach, and a Float64Array of them costs 8 bytes instead of a string.
 */
const DECIMAL = /^[0-9]+$/;

export function parseId(id: string | number): number {
  // Plain digits only: ids reach the API as canonical decimals, and Number() would read '', '1e3'
  // or '0x1f' as some unrelated node's id.
  const n = typeof id === 'number' ? id : DECIMAL.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`lineage-index: "${id}" is not a lineage id (a non-negative integer below 2^53)`);
  }
  return n;
}

/** Ascending positions of ids[0..n), by LSD radix sort on 16-bit digits; ids must be parseId-valid. */
export function argsortIds(ids: Float64Array, n: number): Int32Array {
  let order = new Int32Array(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    if (i > 0 && ids[i] < ids[i - 1]) sorted = false;
  }
  if (sorted) return order;
  let spare = new Int32Array(n);
  const counts = new Int32Array(0x10001);
  for (let pass = 0; pass < 4; pass++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digit(ids[i], pass) + 1]++;
    // Sequence ids rarely use the high digits: a pass where every key shares one digit is skipped.
    if (counts.some((c) => c === n)) continue;
    for (let d = 1; d <= 0x10000; d++) counts[d] += counts[d - 1];
    for (let k = 0; k < n; k++) {
      const i = order[k];
      spare[counts[digit(ids[i], pass)]++] = i;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

function digit(id: number, pass: number): number {
  const word = pass < 2 ? id >>> 0 : (id / 4294967296) >>> 0;
  return (word >>> ((pass & 1) * 16)) & 0xffff;
}

type Growable = Int32Array | Float64Array | Uint8Array;

/** The same array, or a copy with room for `need` elements and headroom against repeated copying. */
export function withRoom<T extends Growable>(array: T, need: number): T {
  if (need <= array.length) return array;
  const make = array.constructor as new (length: number) => T;
  const bigger = new make(Math.max(need, Math.ceil(array.length * 1.5), 16));
  bigger.set(array);
  return bigger;
}
