/**
 * Compute Engine VMs as the registry knows them (src/platforms/registry.ts): the file schema,
 * resolver, catalog, simulation model, preflight share, assumptions, verdict and docs.
 */
import { catalogAssumptions } from '../../scenario/catalog-file.js';
import type { ComputeEngineSpec } from '../../scenario/types.js';
import type { PlatformEntry } from '../platform-entry.js';
import { computeEngineDocs } from './docs.js';
import { COMPUTE_ENGINE_CATALOG_FILE, computeEngineCatalog } from './presets.js';
import { resolveComputeEngine } from './resolve.js';
import { computeEngineSchema, type ComputeEngineFile } from './schema.js';
import { computeEngineBillsOnly, computeEngineFrontEndOnly, computeEngineNotApplicable } from './sensitivity.js';
import { computeEngineVerdict } from './verdict.js';
import { VmFleetPlatform, vmFrontEnd } from './vm-fleet.js';

export const computeEngine: PlatformEntry<ComputeEngineSpec, ComputeEngineFile> = {
  model: 'compute-engine',
  title: 'Compute Engine',
  provider: 'Google',
  catalogFile: COMPUTE_ENGINE_CATALOG_FILE,
  schema: computeEngineSchema,
  example: { name: 'vm', model: 'compute-engine', count: 2 },
  presetDefaults: () => computeEngineCatalog().defaults,
  resolve: resolveComputeEngine,
  create: (sim, spec, warmup, variants) => new VmFleetPlatform(sim, spec, warmup, variants),
  frontEnd: vmFrontEnd,
  preflight: (spec, load) => {
    const scaling = spec.autoscaling !== undefined && spec.autoscaling.mode !== 'off';
    const mig = scaling ? load.duration / spec.autoscaling!.evaluationInterval : 0;
    const spot = spec.preemption?.enabled === true ? (spec.count * load.duration) / spec.preemption.meanTimeToPreemption : 0;
    // Without a queue limit, and with no autoscaler that adds VMs, work offered beyond what the
    // fleet can do waits: rate x E[cpu] vCPU-s arrive per second, count x min(vcpu, workers) get done.
    let backlog = 0;
    if (!Number.isFinite(spec.queueLimit) && spec.autoscaling?.mode !== 'on') {
      const capacity = spec.count * Math.min(spec.vcpu, spec.workers);
      const excess = load.rate - capacity / load.cpuPerRequest;
      if (load.cpuPerRequest > 0 && excess > 0) backlog = excess;
    }
    return { certainInstances: Math.max(spec.count, scaling ? spec.autoscaling!.minSize : 0), ticks: mig + spot, unboundedBacklogRate: backlog };
  },
  assumptions: (path) => catalogAssumptions('compute-engine', COMPUTE_ENGINE_CATALOG_FILE, path),
  notApplicable: computeEngineNotApplicable,
  billsOnly: computeEngineBillsOnly,
  frontEndOnly: computeEngineFrontEndOnly,
  docs: computeEngineDocs,
  verdict: computeEngineVerdict,
};
