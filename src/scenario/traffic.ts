/**
 * File-form traffic to the resolved TrafficSpec: piecewise times in seconds, ordered, the
 * first at 0, and a repeat period that covers every point.
 */
import { inputError } from '../errors.js';
import { resolveMmpp } from './mmpp.js';
import type { TrafficFile } from './schema.js';
import { resolveTrace, type TraceWindow } from './trace-file.js';
import type { TrafficSpec } from './types.js';
import { parseDurationOrThrow } from './units.js';

/**
 * `where` is the scenario file (trace files are read relative to its folder); `window` holds
 * the scenario start for ISO 8601 times in a trace (or receives it from the trace) and
 * collects the traces' span.
 */
export function resolveTraffic(file: TrafficFile, where: string, path: string, window: TraceWindow): TrafficSpec {
  switch (file.type) {
    case 'poisson':
      return { type: 'poisson', rps: file.rps };
    case 'diurnal':
      return {
        type: 'diurnal',
        meanRps: file.meanRps,
        peakToTrough: file.peakToTrough,
        peakHour: file.peakHour,
        weekendFactor: file.weekendFactor,
      };
    case 'piecewise': {
      const points = file.points.map(([t, rps], i): [number, number] => [parseDurationOrThrow(t, where, `${path}.points[${i}][0]`), rps]);
      if (points[0]![0] !== 0) {
        throw inputError(where, `${path}.points[0][0]`, file.points[0]![0], 'time 0: the first point starts the pattern');
      }
      for (let i = 1; i < points.length; i++) {
        if (!(points[i]![0] > points[i - 1]![0])) {
          throw inputError(
            where,
            `${path}.points[${i}][0]`,
            file.points[i]![0],
            `a time after the previous point's (${String(file.points[i - 1]![0])}): times strictly increasing`,
          );
        }
      }
      let repeat: number | null = null;
      if (file.repeat !== undefined && file.repeat !== null) {
        repeat = parseDurationOrThrow(file.repeat, where, `${path}.repeat`);
        const last = points[points.length - 1]![0];
        if (!(repeat > 0) || repeat < last) {
          throw inputError(where, `${path}.repeat`, file.repeat, `a period > 0 and at least the last point's time (${last} s)`);
        }
      }
      return scaledBy({ type: 'piecewise', points, interpolation: file.interpolation, repeat }, file.scale);
    }
    case 'sum': {
      const components = file.components.map((c, i) => resolveTraffic(c as TrafficFile, where, `${path}.components[${i}]`, window));
      if (file.scale === 1) return { type: 'sum', components, scale: 1 };
      return { type: 'sum', components: components.map((c) => scaledBy(c, file.scale)), scale: file.scale };
    }
    case 'mmpp':
      return scaledBy(resolveMmpp(file, where, path), file.scale);
    case 'trace':
      return scaledBy(resolveTrace(file, where, path, window), file.scale);
  }
}

/**
 * `spec` with every rate multiplied by `s` and its `scale` (piecewise, MMPP, sum) multiplied too:
 * a file's scale is applied here, once, where the scenario is read, so every reader sees the
 * rates it gives; a sum passes its own down to its components. A trace has no rate: its `scale`
 * is kept (absent at 1, so an unscaled trace resolves as it always did) and applied by its
 * arrival process and rate profile.
 */
function scaledBy(spec: TrafficSpec, s: number): TrafficSpec {
  switch (spec.type) {
    case 'poisson':
      return { ...spec, rps: spec.rps * s };
    case 'diurnal':
      return { ...spec, meanRps: spec.meanRps * s };
    case 'piecewise':
      return { ...spec, points: spec.points.map(([t, r]) => [t, r * s] as const), scale: (spec.scale ?? 1) * s };
    case 'mmpp':
      return { ...spec, states: spec.states.map((st) => ({ ...st, rps: st.rps * s })), scale: (spec.scale ?? 1) * s };
    case 'sum':
      return { ...spec, components: spec.components.map((c) => scaledBy(c, s)), scale: (spec.scale ?? 1) * s };
    case 'trace': {
      const scale = (spec.scale ?? 1) * s;
      if (scale === 1) {
        const { scale: _one, ...unscaled } = spec;
        return unscaled;
      }
      return { ...spec, scale };
    }
  }
}
