/**
 * What a platform brings to the simulator, in one object: everything the scenario layer, the
 * experiment layer, `sim sensitivity`, the verdict and the docs need to know about a platform
 * model. Each platform folder's index.ts exports one `PlatformEntry`; src/platforms/registry.ts
 * lists them. Adding a platform is a new folder plus one line there (and its spec type in the
 * PlatformSpec union of src/scenario/types.ts, which the compiler asks for: an entry's `create`
 * and `resolve` name that type).
 *
 * Nothing here switches on a model: code above the registry asks the entry of a spec
 * (`registry.of(spec)`) instead, so a model the code does not know cannot be skipped silently.
 */
import type { z } from 'zod';
import type { Simulation } from '../engine/simulation.js';
import type { SummaryRecord } from '../metrics/summary.js';
import type { AssumptionRange } from '../scenario/catalog-file.js';
import type { DistSpec } from '../random/distribution.js';
import type { PlatformSpec } from '../scenario/types.js';
import type { BillingVariant, PlatformModel } from './platform.js';

export type { AssumptionRange, ModelName } from '../scenario/catalog-file.js';

/** What the traffic offers a platform, for the preflight estimate (src/experiment/preflight.ts). */
export interface OfferedLoad {
  /** Simulated seconds. */
  readonly duration: number;
  /** Mean requests per second over the run. */
  readonly rate: number;
  /** Mean vCPU-seconds per request. */
  readonly cpuPerRequest: number;
}

/** What the verdict's remedies and right-sizings read of the scenario's load beside the record. */
export interface RemedyLoad {
  /** The scenario's mean vCPU-seconds per request. */
  readonly cpuPerRequest: number;
  /**
   * The traffic's busiest hour of the measured window over the window's mean
   * (src/workload/busiest-window.ts): 1 for flat traffic, about 1.7 for a weekday of the
   * quickstart's diurnal traffic. The record's rates are means over the run.
   */
  readonly peakToMean: number;
  /**
   * Seconds the record's counts cover: the run after its warm-up (the record's `duration_s`
   * is the whole run, warm-up included, while it counts the requests that arrived after).
   */
  readonly measuredS: number;
}

/** A platform's share of a run's cost, before it starts: what the preflight adds up. */
export interface PreflightLoad {
  /** Instances or VMs that exist whatever the traffic (min instances, the initial fleet). */
  readonly certainInstances: number;
  /** Decisions and faults over the run that happen whatever the traffic (autoscaler ticks, Spot preemptions); each visits every certain instance. */
  readonly ticks: number;
  /**
   * Requests per second by which a backlog that nothing bounds grows (offered more CPU work
   * than the platform can ever do, and no queue limit or autoscaler to stop it); 0 when none.
   */
  readonly unboundedBacklogRate: number;
}

/** A setting that could change the verdict's answer: a `--set` on one platform (src/verdict/alternatives.ts). */
export interface AlternativeSetting {
  readonly platform: string;
  /** In words: "instance-based billing", "1-year committed use discount (37 % off 2 VMs)". */
  readonly change: string;
  /** The `--set` that makes it: "cloud-run.billing=instance". */
  readonly set: string;
  /** More `--set` flags it needs, after `set`: the memory a larger Cloud Run vCPU size requires. */
  readonly also?: readonly string[];
  /**
   * True when the setting changes what the simulation does (or when its bill cannot be told
   * from the same events), so it is simulated again; false when it is billed from the same run.
   */
  readonly simulate: boolean;
}

/**
 * What a platform that did not keep up could change, as one number with an order (a platform's
 * VerdictHooks.remedies): more VMs, a higher maxInstances, the next vCPU size, more memory.
 * More capacity each step up, so that if a value keeps up, every larger one does too (common
 * random numbers: the same requests at every value).
 */
export interface RemedyLadder {
  readonly platform: string;
  /** The platform's own value: below every value, which did not keep up; or above every value, which does (`below`). */
  readonly own: number;
  /**
   * The values lie below the platform's own, which keeps up (VerdictHooks.rightSizes): the
   * search looks for the least that still does, starting from its own.
   */
  readonly below?: boolean;
  /** The values to try, ascending, each beyond the platform's own (which did not keep up). */
  readonly values: readonly number[];
  /** The index in `values` of the advice's own estimate: the first one simulated. */
  readonly first: number;
  /** The setting that gives `value`: in words ("7 VMs instead of 2") and as a --set. */
  setting(value: number): AlternativeSetting;
  /** `value` in words, for the search's note: "6 VMs", "maxInstances 40", "2 vCPU". */
  describe(value: number): string;
}

/** What the verdict says about a platform of this model (src/verdict/). All pure. */
export interface VerdictHooks<S extends PlatformSpec> {
  /** The configuration in one line: "1 vCPU, 512 MiB, concurrency 80, ...". */
  configuration(spec: S): string;
  /** Other settings of the same platform the verdict prices beside its own. */
  alternatives(spec: S): AlternativeSetting[];
  /**
   * Spend-based committed use discounts Google offers this bill (fractions off), or null when
   * none fits it. The caller already skips a spec that carries a commitment.
   */
  commitmentDiscounts(spec: S): { readonly '1y': number; readonly '3y': number } | null;
  /** What to try when the record is not ok; `backlogGrows`: the record's backlog kept growing. */
  advice(record: SummaryRecord, spec: S, backlogGrows: boolean): string;
  /**
   * For a record that is not ok: the setting the advice tries first when it is one number to
   * change (the VMs, maxInstances, the vCPU or memory size), as a ladder of values with the
   * advice's estimate marked; the verdict searches it after the run for the least value that
   * keeps up (src/verdict/remedy-search.ts), so that "what would change the answer" says what
   * keeping up would cost. Empty when none fits.
   */
  remedies?(record: SummaryRecord, spec: S, load: RemedyLoad): RemedyLadder[];
  /**
   * For a record that is ok: the capacity it pays for whether busy or not (VMs, warm
   * instances, provisioned concurrency), as ladders of the values below its own (`below`), the
   * first one tried an estimate of what the load needs; the verdict searches each for the least
   * that still keeps up, so that "what would change the answer" says what a right-sized
   * platform would cost, which may change the choice. Empty when none fits.
   */
  rightSizes?(record: SummaryRecord, spec: S, load: RemedyLoad): RemedyLadder[];
  /**
   * What this platform starts from at time 0 that scales up under load, in words ("cloud-run
   * starts with no instance", "vm's autoscaler starts at 1 VM"), or null when it has nothing to
   * scale (a fixed fleet is in service at once). A run with no warm-up judges that start too,
   * which a service already running does not go through (src/verdict/cold-start.ts).
   */
  startsCold(spec: S): string | null;
  /**
   * What a configuration risks that the simulation does not model, in words that follow "vm,
   * the choice: " ("one VM has no spare. ..."), or null: said when the verdict chooses it, or
   * an alternative of it with which it would be the choice (src/verdict/availability.ts).
   */
  availability?(spec: S): string | null;
  /**
   * Bill lines that hold something else on this model's bill, by the name the verdict gives
   * them (a key of COMPONENT_WORDS in src/verdict/cost-drivers.ts); absent: the usual names.
   */
  readonly billLines?: Readonly<Partial<Record<BillLine, string>>>;
}

/** The bill's lines the verdict breaks a bill into (the ledger's components but the discount). */
export type BillLine = 'cpu' | 'memory' | 'idle' | 'requests' | 'network' | 'fixed';

/**
 * A platform model. `S` is its resolved spec (a member of PlatformSpec), `F` the file form of
 * one platform object (`z.output` of `schema`). Methods, not function properties, so that an
 * entry of one model is a `PlatformEntry` of the union (TypeScript checks method parameters
 * bivariantly); the registry calls each method only with its own model's values.
 */
export interface PlatformEntry<S extends PlatformSpec = PlatformSpec, F = unknown> {
  /** The `model` of scenario files, and `spec.model` of the specs `resolve` returns. */
  readonly model: S['model'];
  /** Its name for people: "Cloud Run". */
  readonly title: string;
  /** Who runs it and publishes (or not) its rules: "Google", "AWS". */
  readonly provider: string;
  /** Its catalog in models/: presets with sources and assumptions, prices. */
  readonly catalogFile: string;
  /**
   * One platform object in file form: a strict zod object with `name` and `model:
   * z.literal(model)`, every other field optional (presets fill them). Each leaf `.describe`s
   * what it accepts: the text of error messages and of the JSON Schema.
   */
  readonly schema: z.ZodObject;
  /** A minimal platform object of this model (file form), as a user would write it: the registry test runs it. */
  readonly example: Readonly<Record<string, unknown>> & { readonly name: string; readonly model: S['model'] };
  /** The preset in file form (models/<catalogFile> `defaults`); values of null are computed by `resolve`. */
  presetDefaults(): Readonly<Record<string, unknown>>;
  /**
   * The file form (preset merged, schema-checked) to a spec: units converted, prices chosen,
   * the rules the provider enforces checked (InputError naming `where` and `path.field`). The
   * caller adds `account`.
   */
  resolve(file: F, where: string, path: string): S;
  /** The simulation model of one platform of this spec: the registry's createPlatform. */
  create(sim: Simulation, spec: S, warmup: number, variants: readonly BillingVariant[]): PlatformModel;
  /**
   * The latency a front end (Google Front End, a load balancer) adds to each response of this
   * spec, or null when it has none: the platform draws it from the stream
   * `frontEndStream(spec.name)` (src/metrics/platform-stats.ts), so that another thread can
   * draw the same values ahead (src/experiment/share-requests.ts).
   */
  frontEnd(spec: S): DistSpec | null;
  /** Its part of the preflight estimate, whatever the model (a new model cannot skip the check). */
  preflight(spec: S, load: OfferedLoad): PreflightLoad;
  /** The assumptions of its catalog with their ranges, in file order; `path` replaces the catalog file (tests). */
  assumptions(path?: string): AssumptionRange[];
  /** Why an assumption has no effect on this spec as configured, or null when it has one (`sim sensitivity`). */
  notApplicable(assumption: AssumptionRange, spec: S): string | null;
  /**
   * Whether an assumption changes only what this model bills, not what it simulates (a price,
   * a rounding rule, a disk): `sim sensitivity` then bills its range ends from the baseline's
   * own run (PlatformRun.variantRecords) instead of simulating them again.
   * test/sensitivity/billed-rows.test.ts checks each such range against a simulation.
   */
  billsOnly(assumption: AssumptionRange): boolean;
  /**
   * Whether an assumption changes only the latency this model's front end adds to each
   * response (frontEnd), and maybe the bill, not what it simulates (the front end's latency, a
   * VM fleet's external load balancer): `sim sensitivity` then measures its range ends from the
   * baseline's own run, each end's front end drawing from its own copy of the front-end stream
   * (PlatformStats.addLatencyVariant), instead of simulating them again.
   * test/sensitivity/billed-rows.test.ts checks each such range against a simulation.
   */
  frontEndOnly(assumption: AssumptionRange): boolean;
  /** Its section of the README's model reference (Markdown, starting with a `###` heading). */
  docs(): string;
  readonly verdict: VerdictHooks<S>;
}
