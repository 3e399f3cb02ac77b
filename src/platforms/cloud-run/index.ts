/**
 * Cloud Run as the registry knows it (src/platforms/registry.ts): its file schema, resolver,
 * catalog, simulation model, preflight share, assumptions, verdict and docs.
 */
import { catalogAssumptions } from '../../scenario/catalog-file.js';
import type { CloudRunSpec } from '../../scenario/types.js';
import type { PlatformEntry } from '../platform-entry.js';
import { CloudRunPlatform, cloudRunFrontEnd } from './cloud-run.js';
import { cloudRunDocs } from './docs.js';
import { CLOUD_RUN_CATALOG_FILE, cloudRunCatalog } from './presets.js';
import { resolveCloudRun } from './resolve.js';
import { cloudRunSchema, type CloudRunFile } from './schema.js';
import { cloudRunBillsOnly, cloudRunFrontEndOnly, cloudRunNotApplicable } from './sensitivity.js';
import { cloudRunVerdict } from './verdict.js';

export const cloudRun: PlatformEntry<CloudRunSpec, CloudRunFile> = {
  model: 'cloud-run',
  title: 'Cloud Run',
  provider: 'Google',
  catalogFile: CLOUD_RUN_CATALOG_FILE,
  schema: cloudRunSchema,
  example: { name: 'cloud-run', model: 'cloud-run', concurrency: 80 },
  presetDefaults: () => cloudRunCatalog().defaults,
  resolve: resolveCloudRun,
  create: (sim, spec, warmup, variants) => new CloudRunPlatform(sim, spec, warmup, variants),
  frontEnd: cloudRunFrontEnd,
  preflight: (spec, load) => ({
    certainInstances: spec.minInstances,
    // The metric loop decides every evaluationInterval, the KPA every tick; scale-per-request has no loop.
    ticks:
      spec.autoscaler === 'cloud-run'
        ? load.duration / spec.evaluationInterval
        : spec.autoscaler === 'knative'
          ? load.duration / spec.knative.tickInterval
          : 0,
    // The pending queue gives up after pendingTimeout: no backlog grows without bound.
    unboundedBacklogRate: 0,
  }),
  assumptions: (path) => catalogAssumptions('cloud-run', CLOUD_RUN_CATALOG_FILE, path, ['tier2']),
  notApplicable: cloudRunNotApplicable,
  billsOnly: cloudRunBillsOnly,
  frontEndOnly: cloudRunFrontEndOnly,
  docs: cloudRunDocs,
  verdict: cloudRunVerdict,
};
