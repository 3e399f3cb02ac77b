/**
 * Checks the uvicorn server model request by request against the bare reference simulation
 * (uvicorn-reference.ts) fed the same requests: every completion time must agree to 1e-9
 * relative. Both are deterministic given the requests, and they share no code, so agreement
 * over hundreds of thousands of requests (with the rules exercised: the counts returned) is
 * evidence that the model does what its rules say.
 */
import { expect } from 'vitest';
import { syncChooser } from '../../src/platforms/server/sync-share.js';
import { UvicornServer, type UvicornOptions } from '../../src/platforms/server/uvicorn-server.js';
import { type Drive, driveServer } from './server-drive.js';
import { type ReferenceCounts, referenceRun } from './uvicorn-reference.js';

export async function agreeWithReference(name: string, drive: Drive, options: Partial<UvicornOptions>): Promise<ReferenceCounts & { meanLatency: number }> {
  const full: UvicornOptions = { workers: 1, vcpu: 1, syncShare: 0, threads: 40, switchInterval: 0.005, ...options };
  const d = await driveServer(drive, (sim, hooks) => new UvicornServer(sim, full, hooks));
  const ref = referenceRun({
    arrival: d.arrival,
    cpu: d.cpu,
    io: d.io,
    isSync: syncChooser(d.seed, full.syncShare),
    workers: full.workers,
    vcpu: full.vcpu,
    threads: full.threads,
    quantum: full.switchInterval,
  });
  let worst = 0;
  let sumModel = 0;
  let sumRef = 0;
  for (let i = 0; i < drive.requests; i++) {
    sumModel += d.done[i]! - d.arrival[i]!;
    sumRef += ref.done[i]! - d.arrival[i]!;
    worst = Math.max(worst, Math.abs(d.done[i]! - ref.done[i]!) / Math.max(1, d.done[i]!));
  }
  console.log(
    `${name}: mean latency model ${(sumModel / drive.requests).toFixed(6)} s, reference ${(sumRef / drive.requests).toFixed(6)} s,` +
      ` worst relative difference ${worst.toExponential(2)}; reference counts ${JSON.stringify(ref.counts)}`,
  );
  // NaN (a request never done in one of them) fails both.
  expect(Number.isNaN(sumModel + sumRef)).toBe(false);
  expect(worst).toBeLessThan(1e-9);
  return { ...ref.counts, meanLatency: sumModel / drive.requests };
}
