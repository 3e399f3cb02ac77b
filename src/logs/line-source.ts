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
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  // A read or gzip error closes the reader, which ends the loop; the error is thrown after it.
  // (Racing every line against an error promise would leave one reaction per line on that
  // promise: memory growing with the file.)
  let failure: Error | null = null;
  const fail = (error: Error): void => {
    failure ??= error;
    lines.close();
  };
  raw.on('error', fail);
  if (gzip) stream.on('error', fail);
  try {
    for await (const line of lines) {
      if (failure !== null) break;
      yield line;
    }
  } catch (error) {
    // readline passes its input's error on to the loop too.
    failure ??= error as Error;
  }
  if (failure !== null) {
    throw new InputError(`${path}: cannot read the log: ${gzip ? 'not valid gzip: ' : ''}${(failure as Error).message}`);
  }
}
