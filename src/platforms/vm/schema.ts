/**
 * A Compute Engine platform object in the scenario FILE format: every field but `name` and
 * `model` optional (models/compute-engine.json fills them, presets.ts), units still attached.
 * Strict, so a misspelt key is an error. Each leaf `.describe`s what it accepts: the "allowed"
 * part of error messages and the description in the JSON Schema.
 */
import { z } from 'zod';
import { serverFields } from '../server/schema.js';
import {
  commitmentSchema,
  durationDistSchema,
  durationSchema,
  memorySchema,
  platformNameSchema,
  positiveInt,
  regionSchema,
  utilization,
} from '../../scenario/schema.js';

export const computeEngineSchema = z.strictObject({
  name: platformNameSchema,
  model: z.literal('compute-engine'),
  region: regionSchema.optional(),
  machineType: z.string().min(1).describe('a machine type from models/compute-engine.json, e.g. "e2-medium"').optional(),
  vcpu: z.number().gt(0).describe('vCPU per VM (default from the machine type): a number > 0').optional(),
  memory: memorySchema.optional(),
  count: positiveInt('number of VMs').optional(),
  workers: positiveInt('server processes per VM').optional(),
  ...serverFields,
  maxConcurrency: positiveInt('requests one VM serves at once').optional(),
  queueLimit: z
    .union([z.number().int().min(0), z.literal('unbounded'), z.null()], {
      error: 'requests one VM holds waiting: an integer >= 0, "unbounded" or null (unbounded)',
    })
    .describe('requests one VM holds waiting: an integer >= 0, "unbounded" or null (unbounded)')
    .optional(),
  loadBalancer: z.enum(['round-robin', 'least-connections', 'random']).optional(),
  requestTimeout: durationSchema.optional(),
  boot: durationDistSchema
    .describe('time from creating a VM to serving, for VMs started during the run (autoscaler, Spot restarts): a duration or a distribution of durations')
    .optional(),
  autoscaling: z
    .strictObject({
      mode: z
        .enum(['on', 'only-scale-out', 'off'])
        .describe('"on", "only-scale-out" (never removes VMs) or "off" (count VMs throughout)')
        .optional(),
      minSize: positiveInt('fewest VMs the autoscaler keeps').optional(),
      maxSize: positiveInt('most VMs the autoscaler runs').optional(),
      targetCpu: utilization('target mean CPU utilisation of the group').optional(),
      initializationPeriod: durationSchema.optional(),
      scaleInStabilization: durationSchema.optional(),
      evaluationInterval: durationSchema.optional(),
    })
    .describe('managed instance group autoscaling on CPU utilisation; count is the initial size; fields left out keep their defaults')
    .optional(),
  preemption: z
    .strictObject({
      enabled: z.boolean().describe('preempt VMs (Spot): true or false').optional(),
      meanTimeToPreemption: durationSchema.optional(),
      noticePeriod: durationSchema.optional(),
      restart: z.boolean().describe('boot a VM again after its preemption: true or false').optional(),
    })
    .describe('Spot preemptions as a Poisson process per VM (the price is pricing: "spot"); fields left out keep their defaults')
    .optional(),
  pricing: z
    .enum(['on-demand', 'spot', 'cud-1y', 'cud-3y'])
    .describe('"on-demand" (sustained-use discounts by family), "spot" (the Spot price), "cud-1y" or "cud-3y" (a commitment of count VMs, 37 % or 55 % off)')
    .optional(),
  disk: z
    .union(
      [
        z.strictObject({
          type: z.enum(['pd-standard', 'pd-balanced', 'pd-ssd']).describe('persistent disk type: "pd-standard", "pd-balanced" or "pd-ssd"'),
          sizeGB: z.number().gt(0).max(65536).describe('disk size in GB: a number > 0 and at most 65536 (64 TiB, the largest Persistent Disk)'),
        }),
        z.null(),
      ],
      { error: 'each VM\'s persistent disk: {"type": "pd-standard" | "pd-balanced" | "pd-ssd", "sizeGB": number from above 0 to 65536}, or null for none billed' },
    )
    .describe('each VM\'s persistent disk: {"type": "pd-standard" | "pd-balanced" | "pd-ssd", "sizeGB": number from above 0 to 65536}, or null for none billed')
    .optional(),
  externalIp: z.boolean().describe('each running VM has an external IPv4 address ($0.005/h): true or false').optional(),
  externalLoadBalancer: z
    .union([z.boolean(), z.literal('auto')], { error: 'bill an external HTTP(S) load balancer: true, false or "auto" (when count > 1)' })
    .describe('bill an external HTTP(S) load balancer (forwarding rule $0.025/h, $0.008 per GiB processed): true, false or "auto" (when count > 1)')
    .optional(),
  spotDiscount: z
    .number()
    .min(0)
    .lt(1)
    .nullable()
    .describe('pricing "spot": the fraction off on-demand (Google states 60 % to 91 %), or null for the catalog\'s dated Spot price kept inside that range')
    .optional(),
  frontEndLatency: durationDistSchema
    .describe('latency the external load balancer adds to every response when there is one (none for VMs reached on their own IP): a duration or a distribution of durations')
    .optional(),
  commitment: commitmentSchema.optional(),
});

export type ComputeEngineFile = z.output<typeof computeEngineSchema>;
