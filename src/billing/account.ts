import { DEFAULT_START } from '../scenario/default-start.js';
import type { BillingAccount } from '../scenario/types.js';

/** The account of a hand-built spec that names none: time 0 is the default start, no free tier. */
export const DEFAULT_ACCOUNT: BillingAccount = { startEpochMs: Date.parse(DEFAULT_START), freeTier: false };

/**
 * Hours in the month that per-month list prices divide by (persistent disk per GB-month, the
 * catalog's monthly figures): Google's 730 h = 365 x 24 / 12. A disk is billed per second at
 * price / (730 x 3600) per GB, so a 730-hour month costs the list price and a 744-hour
 * January 744/730 of it (an assumption: the price list does not say how a calendar month of a
 * GB-month price is prorated).
 */
export const LIST_MONTH_SECONDS = 730 * 3600;
