/**
 * A scenario being written by `sim init`: the file-form object and, for each derived value,
 * the sentence that explains where it came from. write-draft.ts renders it as YAML with the
 * sentences as comments above their fields, or as JSON with them in `description`.
 */
export type DraftPath = readonly (string | number)[];

export interface DraftNote {
  /** The field the note explains; [] for the file as a whole (the header). */
  readonly path: DraftPath;
  readonly text: string;
}

export interface ScenarioDraft {
  readonly scenario: Record<string, unknown>;
  readonly notes: readonly DraftNote[];
  /** Extra files to write beside the scenario (a trace), name relative to it -> content. */
  readonly files: ReadonlyMap<string, Iterable<string>>;
}

/** Rounds to `digits` significant digits, for numbers a person reads in a file. */
export function sig(x: number, digits = 4): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(digits));
}

/** Seconds as a duration string: "85ms" below 1 s, "1.5s" from 1 s. */
export function durationText(seconds: number): string {
  return seconds < 1 ? `${sig(seconds * 1000, 4)}ms` : `${sig(seconds, 4)}s`;
}
