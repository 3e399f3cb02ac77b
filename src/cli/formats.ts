/** `--format` of `sim run` and `sim sensitivity`: own module, so that defining the flags loads no simulator code. */
export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
