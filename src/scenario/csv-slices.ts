import { csvParser } from '../output/csv-parser.js';

/**
 * Characters of text per csv-parse call (about 2,700 rows of ISO times): enough that the
 * call's set-up (options, a Buffer) does not count, few enough that a slice's records die
 * young. `sim validate` of a million-row log (2026-12-02, this project's 2-core machine):
 * 1 MiB slices 2.7 s user CPU and 286 MB peak RSS (a slice's 40,000 records outlived a
 * young-generation collection and were promoted), 256 KiB 1.9 s / 172 MB, 64 KiB 1.9 s / 169 MB.
 */
const SLICE_CHARS = 1 << 16;

/**
 * The records of a CSV text (or its UTF-8 bytes: the same records), parsed by csv-parse (bom,
 * trim, skip_empty_lines: what trace files are read with) a slice of whole lines at a time,
 * handed to `visit` in order; `visit` returns false to stop. Returns false, visiting nothing, when the text's lines are not its
 * records (see `linesAreRecords`): the caller then parses it whole.
 *
 * Why: csv-parse's `on_record` callback, which reports each record's line number, builds two
 * objects per record for it (its info and context, by object spread); on a million-row request
 * log that was 40 % of reading it (`node --cpu-prof` of `sim validate`), and the parse of the
 * whole text at once returns every record in one array. Slices give each record without
 * either. Line numbers are not known here: a caller that needs one for a message reads the
 * file again with on_record (trace-file.ts does, on any error).
 */
export function visitRecordsBySlice(text: string | Buffer, visit: (record: string[]) => boolean): boolean {
  if (!linesAreRecords(text)) return false;
  const { parse } = csvParser();
  for (let start = 0; start < text.length; ) {
    const cut = start + SLICE_CHARS >= text.length ? -1 : text.indexOf('\n', start + SLICE_CHARS);
    const end = cut < 0 ? text.length : cut + 1;
    // A byte-order mark counts only at the very start of the file, as in one parse of it all.
    const slice = typeof text === 'string' ? text.slice(start, end) : text.subarray(start, end);
    const records = parse(slice, { bom: start === 0, trim: true, skip_empty_lines: true }) as string[][];
    for (let i = 0; i < records.length; i++) if (!visit(records[i]!)) return true;
    start = end;
  }
  return true;
}

/**
 * Whether every record of `text` is one line and every line ends alike, so that slices cut
 * after a '\n' parse to the same records as the whole: no quote (a quoted field may hold a line
 * break or a comma), and either no '\r' at all or every line ending "\r\n" (csv-parse takes the
 * record delimiter from the first line end it meets, "\r\n", "\n" or "\r", and a slice would
 * take its own).
 */
export function linesAreRecords(text: string | Buffer): boolean {
  if (text.includes('"')) return false;
  const firstCr = text.indexOf('\r');
  if (firstCr < 0) return true;
  let lf = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if ((typeof text === 'string' ? text.charCodeAt(i - 1) : text[i - 1]) !== 13) return false;
    lf++;
  }
  let cr = 0;
  for (let i = firstCr; i >= 0; i = text.indexOf('\r', i + 1)) cr++;
  return cr === lf;
}
