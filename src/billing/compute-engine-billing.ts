import { TimeWeighted } from '../numeric/time-weighted.js';
import type { ComputeEngineSpec } from '../scenario/types.js';
import { DEFAULT_ACCOUNT, LIST_MONTH_SECONDS } from './account.js';
import { BillingCalendar, MonthlyAllowance, type Month } from './calendar.js';
import { EgressBilling, egressTiersOr } from './egress.js';
import { HourlySpend } from './hourly-spend.js';
import { freeTierShare } from './free-tier-share.js';
import type { Ledger } from './ledger.js';
import { GIB } from './rounding.js';
import { SustainedUse } from './sustained-use.js';

/** A VM that runs less than this is billed for this long. */
const MINIMUM_S = 60;

/**
 * Compute Engine's rules (docs/gcp-facts.md, "Compute Engine: pricing"):
 *
 * - Per second while RUNNING, busy or not, one-minute minimum, at the machine type's hourly
 *   price split into the `cpu` and `memory` lines: on-demand, or the catalog's Spot price under
 *   `pricing: "spot"` (no sustained use, no committed use). One e2-medium for 730 h:
 *   730 x 0.0335057 = $24.46.
 * - Sustained use (on-demand only, families with multipliers): quarters of each calendar month
 *   step the price down (sustained-use.ts). The discount is an accrual on the `discount` line, so
 *   `cpu` and `memory` keep the on-demand figure.
 * - Committed use (`cud-1y` 37 %, `cud-3y` 55 % off): a commitment of `count` VMs for the whole
 *   run, paid whether they run or not. `cpu`/`memory` keep the on-demand figure of running VMs,
 *   `discount` takes the percentage off them, and committed VMs that are not running (none in
 *   a fixed fleet, which runs from 0 to the end) cost the committed price on `fixed`; VMs an
 *   autoscaler runs beyond `count` are on demand, without sustained use. The
 *   one-minute minimum of a short run is billed at the committed price too. The percentage is
 *   the catalog's own: its monthly CUD figures are 730 h x on-demand x 0.63 / 0.45 rounded to the
 *   cent (n1-standard-1: 34.67 x 0.63 = 21.84, x 0.45 = 15.60).
 * - Fixed costs on the `fixed` line: an external IPv4 per running VM ($0.005/h), each VM's
 *   persistent disk per GB-month (prorated per second over 730 h, see account.ts), and an
 *   external HTTP(S) load balancer's forwarding rule ($0.025/h while the fleet runs) plus $0.008
 *   per GiB it processes, inbound (request bytes, at arrival) and outbound (response bytes).
 *   Spot VMs' external addresses at the Spot rate ($0.0025/h).
 * - Compute flexible CUD (`commitment`, src/billing/commitment.ts; on-demand pricing only): the
 *   eligible spend is the `cpu` and `memory` lines at on-demand prices; each clock hour the fee
 *   hourlyUsd x (1 - discount) accrues on `fixed` and min(eligible spend of the hour, hourlyUsd)
 *   comes off on `discount`. Simplification: sustained-use discounts (none for E2) still apply to
 *   all usage, where Google applies them only to usage the commitment leaves uncovered.
 * - Internet egress on `network`, tiered per calendar month (egress.ts).
 * - Free tier (`account.freeTier`), on `discount`, as usage accrues: one e2-micro for the hours
 *   of each calendar month (all e2-micro usage of the platform up to month.seconds x the
 *   hourly price), 30 GB-months of pd-standard a month, 1 GiB of egress a month; each month's
 *   allowance prorated to the part of the month the run covers (free-tier-share.ts).
 */
export class ComputeEngineBilling {
  private running = 0;
  private readonly cpuRate: number;
  private readonly memoryRate: number;
  /** cpuRate + memoryRate: one running VM, USD per second. */
  private readonly vmRate: number;
  private readonly cudOff: number;
  private readonly diskRate: number;
  private readonly ipRate: number;
  private readonly forwardingRuleRate: number;
  private readonly lbPerGiB: number;
  private readonly sustainedUse: SustainedUse | null = null;
  /** USD per second of pd-standard disks, for the free tier. */
  private readonly standardDisk = new TimeWeighted();
  private readonly allowances: MonthlyAllowance[] = [];
  private readonly egressBilling: EgressBilling;
  /** Eligible on-demand spend (vCPU and memory) per clock hour, and what a commitment covers of it. */
  readonly hourlySpend: HourlySpend;
  /** USD per second of a spend commitment's fee (0 without one). */
  private readonly commitmentRate: number;

  constructor(
    private readonly ledger: Ledger,
    private readonly spec: ComputeEngineSpec,
  ) {
    const p = spec.prices;
    const account = spec.account ?? DEFAULT_ACCOUNT;
    const pricing = spec.pricing ?? 'on-demand';
    const calendar = new BillingCalendar(account.startEpochMs);
    const share = freeTierShare(account.runSeconds);
    this.cpuRate = p.cpuHour / 3600;
    this.memoryRate = p.memoryHour / 3600;
    this.vmRate = this.cpuRate + this.memoryRate;
    this.cudOff = pricing === 'cud-1y' || pricing === 'cud-3y' ? (p.committedUseDiscount ?? 0) : 0;
    const disk = spec.disk ?? null;
    this.diskRate = disk === null ? 0 : (disk.sizeGB * (p.diskPerGBMonth ?? 0)) / LIST_MONTH_SECONDS;
    this.ipRate = spec.externalIp === true ? (p.externalIpHourly ?? 0) / 3600 : 0;
    const lb = spec.externalLoadBalancer === true;
    this.forwardingRuleRate = lb ? (p.forwardingRuleHourly ?? 0) / 3600 : 0;
    this.lbPerGiB = lb ? (p.loadBalancerPerGiB ?? 0) : 0;

    if (pricing === 'on-demand' && p.sustainedUse != null) {
      const sud = new SustainedUse(calendar, p.sustainedUse, this.vmRate);
      this.sustainedUse = sud;
      ledger.addAccrual('discount', (now) => -sud.discount(now));
    }

    const free = account.freeTier ? p.freeTier : undefined;
    if (free?.e2Micro === true) {
      // All e2-micro usage, the one-minute minimums included, up to one VM for the month.
      const vmRate = this.vmRate;
      this.allow(calendar, (now) => ledger.component('cpu', now) + ledger.component('memory', now), (m) => m.seconds * share(m) * vmRate);
    }
    if (free !== undefined && disk?.type === 'pd-standard' && free.standardDiskGBMonths > 0) {
      const usd = free.standardDiskGBMonths * (p.diskPerGBMonth ?? 0);
      this.allow(calendar, (now) => this.standardDisk.integral(now), (m) => usd * share(m));
    }
    this.egressBilling = new EgressBilling(ledger, calendar, egressTiersOr(p.egressTiers, p.egressPerGiB), free?.egressGiB ?? 0, share);
    const commitment = spec.commitment;
    this.hourlySpend = new HourlySpend(account.startEpochMs, (now) => ledger.component('cpu', now) + ledger.component('memory', now), commitment?.hourlyUsd ?? 0);
    this.commitmentRate = commitment === undefined ? 0 : (commitment.hourlyUsd * (1 - commitment.discount)) / 3600;
    if (commitment !== undefined && commitment.hourlyUsd > 0) {
      const hours = this.hourlySpend;
      ledger.addAccrual('discount', (now) => -hours.credit(now));
      ledger.setRate('fixed', 0, this.commitmentRate);
    }
  }

  /**
   * USD to add to the run's cost scaled to a month (cost x 730 h / now) for its cost per month:
   * the sustained-use discount a whole month at this run's usage would earn, in place of the
   * run's own scaled up. A run shorter than its calendar month earns less or none (a day of an
   * N1 VM: none, under a quarter of the month), while a month of the same usage earns up to
   * 30 %: scaled as it was, a day's run priced an always-on N1 VM at 1 / 0.7 = 1.43 times its
   * month. 0 without sustained use (E2, Spot, committed VMs). Plus egress's own
   * (EgressBilling.perMonthCorrection: a month's bytes reach cheaper tiers).
   */
  perMonthCorrection(now: number): number {
    const egress = this.egressBilling.perMonthCorrection(now, LIST_MONTH_SECONDS);
    const sud = this.sustainedUse;
    if (sud === null || !(now > 0)) return egress;
    return egress + (sud.discount(now) * LIST_MONTH_SECONDS) / now - sud.monthlyDiscount(now, LIST_MONTH_SECONDS);
  }

  vmStarted(now: number): void {
    this.advance(now);
    this.running++;
    this.sustainedUse?.started(now);
    this.setRates(now);
  }

  /**
   * A VM created at `bootedAt` stops at `now`. `preempted`: a Spot preemption, and a Spot VM
   * preempted within its first minute is not charged at all (docs/gcp-facts.md): what
   * accrued since `bootedAt` is taken back and no minimum is added (test/platforms/vm/spot.test.ts).
   */
  vmStopped(now: number, bootedAt: number, preempted = false): void {
    this.advance(now);
    this.running--;
    this.sustainedUse?.stopped(now, bootedAt);
    this.setRates(now);
    if (preempted && now - bootedAt < MINIMUM_S) {
      this.ledger.charge('cpu', -(now - bootedAt) * this.cpuRate);
      this.ledger.charge('memory', -(now - bootedAt) * this.memoryRate);
      return;
    }
    const short = MINIMUM_S - (now - bootedAt);
    if (short > 0) {
      this.ledger.charge('cpu', short * this.cpuRate);
      this.ledger.charge('memory', short * this.memoryRate);
      if (this.cudOff > 0) this.ledger.charge('discount', -this.cudOff * short * this.vmRate);
    }
  }

  /** A request of `bytes` came in through the load balancer, if any (its inbound data processing). */
  inbound(bytes: number): void {
    if (bytes > 0 && this.lbPerGiB > 0) this.ledger.charge('fixed', (bytes / GIB) * this.lbPerGiB);
  }

  /** A response of `bytes` left for the internet at `now` (through the load balancer, if any). */
  egress(bytes: number, now: number): void {
    if (!(bytes > 0)) return;
    this.egressBilling.send(now, bytes);
    if (this.lbPerGiB > 0) this.ledger.charge('fixed', (bytes / GIB) * this.lbPerGiB);
  }

  /** Closes the months of every free-tier allowance up to now, before anything they read changes. */
  private advance(now: number): void {
    for (const allowance of this.allowances) allowance.advance(now);
    this.hourlySpend.advance(now);
  }

  private allow(calendar: BillingCalendar, spent: (now: number) => number, usd: (month: Month) => number): void {
    const allowance = new MonthlyAllowance(calendar, spent, usd);
    this.allowances.push(allowance);
    this.ledger.addAccrual('discount', (now) => -allowance.free(now));
  }

  private setRates(now: number): void {
    const n = this.running;
    this.ledger.setRate('cpu', now, n * this.cpuRate);
    this.ledger.setRate('memory', now, n * this.memoryRate);
    if (this.cudOff > 0) {
      const covered = Math.min(n, this.spec.count);
      this.ledger.setRate('discount', now, -this.cudOff * covered * this.vmRate);
    }
    const idleCommitment = this.cudOff > 0 ? Math.max(0, this.spec.count - n) * (1 - this.cudOff) * this.vmRate : 0;
    const diskRate = n * this.diskRate;
    this.ledger.setRate('fixed', now, (n > 0 ? this.forwardingRuleRate : 0) + n * this.ipRate + diskRate + idleCommitment + this.commitmentRate);
    if (this.spec.disk?.type === 'pd-standard') this.standardDisk.set(now, diskRate);
  }
}
