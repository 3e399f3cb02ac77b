/** The `--log-format` choices (own module: read at start-up to define the flag, before any log code loads). */
export const LOG_FORMATS = ['auto', 'cloud-logging', 'nginx', 'apache', 'uvicorn'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];
