/** Issue 12 item 6: 8 one-day runs at least 1.9 times faster on 2 cores than on 1 (own module: sweep-efficiency.ts runs on import). */
export const SWEEP_GOAL = 1.9;
