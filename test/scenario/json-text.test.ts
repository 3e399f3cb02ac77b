import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { jsonErrorOffset, parseJsonText } from '../../src/scenario/json-text.js';

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a": [1, "x\\u00e9", true, null]}', 'f.json')).toEqual({ a: [1, 'x\u00e9', true, null] });
  });

  it.each([
    ['{"a": x}', 6],
    ['{"a": 1,}', 8],
    ['{"a": 1', 7],
    ['[1 2]', 3],
    ['{"a": 01}', 7],
    ['{"a": "\\q"}', 8],
    ['{} extra', 3],
  ])('finds the first bad character of %s', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });

  it('reports line and column in an InputError without the echoed text', () => {
    const fail = () => parseJsonText('{\n  "a": 1,\n  "b": nope\n}', 'f.json');
    expect(fail).toThrow(InputError);
    expect(fail).toThrow(/^f\.json: line 3, column 9: not valid JSON: Unexpected token 'o'$/);
  });
});
