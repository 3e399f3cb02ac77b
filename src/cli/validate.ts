import { loadScenario } from '../scenario/load.js';

/** `sim validate`: check a scenario file and print the resolved scenario as JSON. */
export function validateCommand(file: string, set: readonly string[], stdout: (text: string) => void): void {
  const scenario = loadScenario(file, set);
  stdout(`${JSON.stringify(scenario, (_k, v) => (v === Infinity ? 'unbounded' : v), 2)}\n`);
}
