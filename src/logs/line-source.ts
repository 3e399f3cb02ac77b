import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';

/** True when the file starts with the gzip magic bytes 1f 8b (whatever its name). */
async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * The lines of a text file, gzip or not, one at a time (readline over a stream: memory holds a
 * chunk, not the file). A file that cannot be opened is bad input naming it.
 */
export async function* readLines(path: string): AsyncGenerator<string> {
  let gzip: boolean;
  try {
    gzip = await isGzip(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a file' : String(code ?? error);
    throw new InputError(`${path}: cannot read the log: ${reason}`);
  }
  const raw = createReadStream(path);
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  const failed = new Promise<never>((_, reject) => {
    const fail = (error: Error) => reject(new InputError(`${path}: cannot read the log: ${gzip ? 'not valid gzip: ' : ''}${error.message}`));
    raw.on('error', fail);
    if (gzip) stream.on('error', fail);
  });
  failed.catch(() => undefined);
  const lines = createInterface({ input: stream, crlfDelay: Infinity })[Symbol.asyncIterator]();
  for (;;) {
    const next = await Promise.race([lines.next(), failed]);
    if (next.done === true) return;
    yield next.value;
  }
}
