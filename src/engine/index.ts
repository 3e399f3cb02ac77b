export { Simulation } from './simulation.js';
export type { Action, ScheduledEvent } from './simulation.js';
export { RandomStreams, streamFor } from './streams.js';
export type { Rng } from './streams.js';
export { Timer } from './timer.js';
