import type { BenchReport } from './report.js';

/** The terminal rendering of a report: the table, the M/M/c ratio, memory against duration. */
export function formatReport(report: BenchReport): string {
  const header = ['case', 'scale', 'simulated', 'requests', 'wall s', 'requests/s', 'runs: min..max req/s', 'req/CPU-s', 'max RSS MiB', 'peak heap MiB', 'live heap MiB', 'check'];
  const rows = report.cases.map((c) => [
    c.case,
    `x${Number(c.scale.toPrecision(3))}`,
    c.simulatedSeconds === 0 ? '-' : `${(c.simulatedSeconds / 86400).toFixed(2)} d`,
    c.requests.toLocaleString('en-US'),
    c.wallSeconds.toFixed(2),
    Math.round(c.requestsPerSecond).toLocaleString('en-US'),
    c.runs === 1 ? '1' : `${c.runs}: ${kilo(c.requestsPerSecondMin)}..${kilo(c.requestsPerSecondMax)}`,
    Math.round(c.requestsPerCpuSecond).toLocaleString('en-US'),
    c.maxRssMiB.toFixed(1),
    c.peakHeapMiB.toFixed(1),
    c.liveHeapMiB.toFixed(1),
    c.check,
  ]);
  const lines = [
    `scalesim bench ${report.date}${report.quick ? ' (quick)' : ''}`,
    `machine: ${report.machine.cpus} x ${report.machine.cpuModel}, ${report.machine.memoryGiB.toFixed(1)} GiB, Node ${report.machine.node}`,
    '',
    ...table([header, ...rows]),
    '',
  ];
  if (report.ratio !== null) {
    const r = report.ratio;
    lines.push(
      `M/M/c full simulator / bare loop (best runs): ${r.slowdown.toFixed(1)}x slower (` +
        `${Math.round(r.simulatorRps).toLocaleString('en-US')} vs ${Math.round(r.bareRps).toLocaleString('en-US')} requests/s); ` +
        `(issue 12's goal is on the marginal CPU per request: below)`,
      `M/M/c on CPU time: ${r.slowdownCpu.toFixed(1)}x (` +
        `${Math.round(r.simulatorRpsCpu).toLocaleString('en-US')} vs ${Math.round(r.bareRpsCpu).toLocaleString('en-US')} requests per CPU-second)`,
    );
  }
  for (const m of report.memoryVsDuration) {
    lines.push(
      `memory vs duration, ${m.case}: x${m.small.scale} -> x${m.large.scale} (${m.small.requests.toLocaleString('en-US')} -> ${m.large.requests.toLocaleString('en-US')} requests): ` +
        `max RSS ${m.small.maxRssMiB.toFixed(1)} -> ${m.large.maxRssMiB.toFixed(1)} MiB, ` +
        `live heap ${m.small.liveHeapMiB.toFixed(1)} -> ${m.large.liveHeapMiB.toFixed(1)} MiB`,
    );
  }
  return lines.join('\n') + '\n';
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const numeric = (i: number) => i >= 1 && i <= 10;
  return rows.map((r) => r.map((cell, i) => (numeric(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** 712345 -> "712k", 6969215 -> "6.97M". */
function kilo(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${Math.round(x / 1e3)}k`;
}
