/** Points per platform over time in a run report (own module: `sim report`'s flag default, read at start-up). */
export const DEFAULT_MAX_POINTS = 2000;
