/**
 * An AWS Lambda platform object in the scenario FILE format: every field but `name` and `model`
 * optional (models/lambda.json fills them, presets.ts), units still attached. Strict, so a
 * misspelt key is an error. Each leaf `.describe`s what it accepts: the "allowed" part of error
 * messages and the description in the JSON Schema.
 */
import { z } from 'zod';
import { durationDistSchema, durationSchema, memorySchema, platformNameSchema, positiveInt } from '../../scenario/schema.js';

const usd = (what: string) => z.number().min(0).describe(`${what}: USD, a number >= 0`);

export const lambdaSchema = z.strictObject({
  name: platformNameSchema,
  model: z.literal('lambda'),
  region: z.string().min(1).describe('an AWS region priced in models/lambda.json, e.g. "us-east-1"').optional(),
  architecture: z.enum(['x86', 'arm']).describe('instruction set: "x86" (x86_64) or "arm" (arm64, Graviton)').optional(),
  memory: memorySchema
    .describe('memory per execution environment: 128Mi to 10240Mi in whole MiB (AWS\'s "MB" are MiB: 1769 MB is "1769Mi"); the vCPU share is memory / 1769 MiB')
    .optional(),
  coldStart: durationDistSchema.describe('INIT duration of a new execution environment: a duration or a distribution of durations').optional(),
  keepAlive: durationSchema.describe('an idle execution environment is reclaimed this long after its last request').optional(),
  routing: z
    .enum(['newest', 'most-recently-used'])
    .describe('which idle environment takes a request: "newest" (most recently created) or "most-recently-used"')
    .optional(),
  concurrencyLimit: positiveInt('concurrent executions at most (the account quota, or the function\'s reserved concurrency); more are throttled (429)').optional(),
  scalingRate: z
    .strictObject({
      environments: positiveInt('new execution environments per period'),
      per: durationSchema.describe('the period: a duration > 0'),
    })
    .describe('at most {"environments": n} new environments {"per": duration}, refilled continuously; more are throttled (429)')
    .optional(),
  provisionedConcurrency: z.number().int().min(0).describe('execution environments kept initialised, billed all the time: an integer >= 0').optional(),
  provisionedStart: z
    .enum(['warm', 'cold'])
    .describe('provisioned environments at time 0: "warm" (enabled before the window) or "cold" (enabled at 0, each runs its INIT first)')
    .optional(),
  ephemeralStorage: memorySchema.describe('ephemeral storage (/tmp): 512Mi to 10240Mi in whole MiB; above 512Mi billed per GB-s of duration').optional(),
  requestTimeout: durationSchema.describe('Lambda stops an invocation this long after it started: above 0 and at most 900s').optional(),
  initBilled: z.boolean().describe('the INIT of a cold start is billed as duration (AWS since 2025-08-01): true or false').optional(),
  frontEndLatency: durationDistSchema
    .describe('latency the function URL front end and the invoke path add to every response (not billed): a duration or a distribution of durations')
    .optional(),
  prices: z
    .strictObject({
      durationGBSecond: usd('on-demand duration per GB-s, flat (replaces the monthly tiers)').optional(),
      perMillionRequests: usd('per million requests').optional(),
      ephemeralGBSecond: usd('ephemeral storage above 512 MiB per GB-s').optional(),
      provisionedGBSecond: usd('provisioned concurrency per GB-s configured').optional(),
      provisionedDurationGBSecond: usd('duration on provisioned environments per GB-s').optional(),
      egressPerGiB: usd('internet egress per GiB, flat (replaces the monthly tiers)').optional(),
    })
    .describe('prices that replace the catalog\'s (models/lambda.json)')
    .optional(),
});

export type LambdaFile = z.output<typeof lambdaSchema>;
