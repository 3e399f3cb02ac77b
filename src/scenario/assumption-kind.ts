/**
 * Whose unknown an assumption is, which says what a user can do about it:
 * - `unpublished`: a rule or figure of the provider that it does not publish (its autoscaler's
 *   timing, its routing, what its rounding applies to, an unverified price). Nobody outside can
 *   set or measure it exactly: a verdict that flips on one is uncertain.
 * - `service`: how the user's own service behaves (its cold start, whether its endpoints block,
 *   how it shuts down). The user can measure it and set it in the scenario.
 * - `setting`: a deployment choice the scenario may leave at a common default (machine type,
 *   VM count, workers, queue limits). The user decides it.
 */
export const ASSUMPTION_KINDS = ['unpublished', 'service', 'setting'] as const;
export type AssumptionKind = (typeof ASSUMPTION_KINDS)[number];
