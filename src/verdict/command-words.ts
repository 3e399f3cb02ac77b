/** Words of the commands the verdict suggests (break-even, sensitivity, a remedy search's rest). */

/** `s` as one word of a POSIX shell command: as it is when plain, else single-quoted. */
export const shellWord = (s: string): string => (/^[\w.,=:/+-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

/** An estimate in words: "about 9 min", "about 40 s". */
export const aboutTime = (seconds: number): string => (seconds >= 60 ? `about ${Math.ceil(seconds / 60)} min` : `about ${Math.ceil(seconds)} s`);
