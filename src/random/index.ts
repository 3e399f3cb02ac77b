export type { DistSpec, Distribution } from './distribution.js';
export { constant } from './constant.js';
export { exponential } from './exponential.js';
export { lognormal } from './lognormal.js';
export { gamma } from './gamma.js';
export { uniform } from './uniform.js';
export { pareto } from './pareto.js';
export { empirical } from './empirical.js';
export { fromSpec } from './from-spec.js';
