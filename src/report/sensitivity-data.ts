import type { SensitivityResult } from '../sensitivity/types.js';
import { platformColors } from './platform-colors.js';

/** A report of `sim sensitivity` alone (a directory with sensitivity.json and no run in it). */
export interface SensitivityReportData {
  readonly kind: 'sensitivity';
  readonly scenario: string;
  readonly platforms: readonly string[];
  readonly colors: Readonly<Record<string, string>>;
  readonly sensitivity: SensitivityResult;
}

export function sensitivityReportData(result: SensitivityResult): SensitivityReportData {
  const platforms = result.baseline.platforms.map((p) => p.platform);
  return { kind: 'sensitivity', scenario: result.scenario, platforms, colors: platformColors(platforms), sensitivity: result };
}
