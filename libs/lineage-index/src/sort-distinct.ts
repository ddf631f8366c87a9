/**
 * Sorts distinct integers from [0, universe) in place. A comparison sort costs tens of nanoseconds
 * per element; when the set is dense, marking a bitset and reading it back in order is linear and
 * several times faster. That is the common case for big walks, whose nodes and edges are a sizeable
 * share of the index. `bits` must be all zero and is left all zero.
 */
export function sortDistinct(values: Int32Array, universe: number, bits: Uint32Array): void {
  // Reading the bitset back costs ~universe/32 word visits; below this size a sort is cheaper.
  if (values.length <= universe >>> 9 || values.length < 256) {
    values.sort();
    return;
  }
  for (let i = 0; i < values.length; i++) bits[values[i] >>> 5] |= 1 << (values[i] & 31);
  const words = (universe + 31) >>> 5;
  for (let w = 0, k = 0; w < words; w++) {
    let word = bits[w];
    if (word === 0) continue;
    bits[w] = 0;
    while (word !== 0) {
      const lowest = word & -word;
      values[k++] = (w << 5) | (31 - Math.clz32(lowest));
      word ^= lowest;
    }
  }
}
