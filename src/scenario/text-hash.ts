import { createHash } from 'node:crypto';

/** The sha256 of a text (of its UTF-8 bytes) or of bytes, hex: what a scenario file or a trace is known by (sweep meta, the trace cache). */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
