/**
 * Which requests a mixed FastAPI app serves with `def` endpoints (thread pool) rather than
 * `async def` ones (event loop): a fixed `share` of them, chosen by hashing the request id with
 * the run seed. A hash rather than a random stream because the draw then belongs to the request,
 * not to the order in which a platform happens to serve it: the same request is sync on every
 * platform of a run (common random numbers), and no existing stream shifts (src/engine/streams.ts).
 */
export function syncChooser(seed: number | string, share: number): (id: number) => boolean {
  if (share <= 0) return () => false;
  if (share >= 1) return () => true;
  const key = fnv1a(`scalesim:sync:${seed}`);
  // u in [0, 1) from 32 hashed bits: the share is exact to 2^-32.
  const limit = share * 4294967296;
  return (id) => mix32((id ^ key) >>> 0, Math.floor(id / 4294967296)) < limit;
}

/** FNV-1a over the UTF-16 code units of `s` (32 bits). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * MurmurHash3's 32-bit finaliser (fmix32) of `lo`, with the high word of the id folded in
 * first: every input bit flips each output bit with probability close to 1/2, so consecutive
 * ids give independent-looking draws (checked against a chi-square test in
 * test/platforms/server/sync-share.test.ts).
 */
function mix32(lo: number, hi: number): number {
  let h = (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
