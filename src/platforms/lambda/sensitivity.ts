/**
 * Which assumptions of models/lambda.json have no effect on a Lambda spec as configured
 * (`sim sensitivity` leaves them out): how provisioned environments start only with provisioned
 * concurrency.
 */
import type { LambdaSpec } from '../../scenario/types.js';
import type { AssumptionRange } from '../platform-entry.js';

type Rule = (spec: LambdaSpec) => string | null;

const RULES: Record<string, Rule> = {
  provisionedStart: (spec) => (spec.provisionedConcurrency > 0 ? null : 'applies to provisioned concurrency; this platform has none'),
};

export function lambdaNotApplicable(a: AssumptionRange, spec: LambdaSpec): string | null {
  return Object.hasOwn(RULES, a.field) ? RULES[a.field]!(spec) : null;
}
