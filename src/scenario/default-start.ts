/**
 * Simulated time 0 of a scenario that names no start, a Monday: the scenario schema's default
 * and the billing account of a hand-built spec (src/billing/account.ts). A module of its own so
 * that billing does not load the zod schema for one constant.
 */
export const DEFAULT_START = '2026-01-05T00:00:00Z';
