// mulberry32: a small fixed-seed generator for the sample-data scripts in workloads/ (their
// output must be byte-identical on every run and machine). Not used by the simulator, whose
// random streams are in src/engine/streams.ts.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
