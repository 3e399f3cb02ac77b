// Types of generate.mjs, for the tests that import it.
export interface LogModel {
  readonly start: string;
  readonly minutes: number;
  readonly rps: number;
  readonly burst: { readonly fromMinute: number; readonly toMinute: number; readonly rps: number };
  readonly serviceMu: number;
  readonly serviceSigma: number;
  readonly bytesMu: number;
  readonly bytesSigma: number;
  readonly notFoundShare: number;
  readonly notFoundLatency: number;
}
export interface GeneratedRequest {
  readonly arrival: number;
  readonly service: number;
  readonly latency: number;
  readonly bytes: number;
  readonly status: number;
}
export const MODEL: LogModel;
export function mulberry32(seed: number): () => number;
export function generateRequests(model?: LogModel, seed?: number): GeneratedRequest[];
export function cloudRunEntry(r: GeneratedRequest, i: number, rng: () => number): Record<string, unknown>;
export function loadBalancerEntry(r: GeneratedRequest, i: number, rng: () => number): Record<string, unknown>;
export function nginxLine(r: GeneratedRequest, i: number): string;
export function apacheLine(r: GeneratedRequest, i: number): string;
export function uvicornLine(r: GeneratedRequest, i: number): string;
export function cloudRunNdjson(requests: readonly GeneratedRequest[], seed?: number): string;
