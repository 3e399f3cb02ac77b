/**
 * The scenario file the sweep tests write: 10 minutes of a FastAPI-like handler at 5 requests
 * a second on Cloud Run and two VMs, a few milliseconds a run. Defined in bench/ (compiled with
 * the bench, which runs it too).
 */
export { TINY_SWEEP_SCENARIO } from '../../bench/tiny-scenario.js';
