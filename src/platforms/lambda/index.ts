/**
 * AWS Lambda as the registry knows it (src/platforms/registry.ts): its file schema, resolver,
 * catalog, simulation model, preflight share, assumptions, verdict and docs.
 */
import { catalogAssumptions } from '../../scenario/catalog-file.js';
import type { LambdaSpec } from '../../scenario/types.js';
import type { PlatformEntry } from '../platform-entry.js';
import { lambdaDocs } from './docs.js';
import { LambdaPlatform, lambdaFrontEnd } from './lambda.js';
import { LAMBDA_CATALOG_FILE, lambdaCatalog } from './presets.js';
import { resolveLambda } from './resolve.js';
import { lambdaSchema, type LambdaFile } from './schema.js';
import { lambdaNotApplicable } from './sensitivity.js';
import { lambdaVerdict } from './verdict.js';

export const lambda: PlatformEntry<LambdaSpec, LambdaFile> = {
  model: 'lambda',
  title: 'AWS Lambda',
  provider: 'AWS',
  catalogFile: LAMBDA_CATALOG_FILE,
  schema: lambdaSchema,
  example: { name: 'lambda', model: 'lambda', memory: '1769Mi' },
  presetDefaults: () => lambdaCatalog().defaults,
  resolve: resolveLambda,
  create: (sim, spec, warmup, variants) => new LambdaPlatform(sim, spec, warmup, variants),
  frontEnd: lambdaFrontEnd,
  preflight: (spec) => ({
    // Provisioned environments exist whatever the traffic; no decision loop, no unbounded
    // backlog (a request finds an environment or is throttled at once).
    certainInstances: spec.provisionedConcurrency,
    ticks: 0,
    unboundedBacklogRate: 0,
  }),
  assumptions: (path) => catalogAssumptions('lambda', LAMBDA_CATALOG_FILE, path),
  notApplicable: lambdaNotApplicable,
  // Its ranges (cold start, keep-alive, routing) change what is simulated, but for the front
  // end's latency, which adds to what the client sees only (lambdaFrontEnd).
  billsOnly: () => false,
  frontEndOnly: (a) => a.field === 'frontEndLatency',
  docs: lambdaDocs,
  verdict: lambdaVerdict,
};
