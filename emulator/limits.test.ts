import { checkEventDepth, jsonDepth, MAX_EVENT_DEPTH } from './limits';

test('jsonDepth counts nesting of arrays and objects, not brackets inside strings', () => {
  expect(jsonDepth('1')).toBe(0);
  expect(jsonDepth('{}')).toBe(1);
  expect(jsonDepth('{"a":[1,{"b":[]}]}')).toBe(4);
  expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
  expect(jsonDepth('{"a":"\\"[[[","b":[]}')).toBe(2);
  expect(jsonDepth('["\\\\",[]]')).toBe(2);
});

test('jsonDepth handles a million levels without recursion', () => {
  expect(jsonDepth(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)).toBe(1_000_000);
});

test('checkEventDepth allows exactly the limit inside its envelope', () => {
  const data = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  expect(() => checkEventDepth(`{"data":${data(MAX_EVENT_DEPTH)}}`, 1)).not.toThrow();
  expect(() => checkEventDepth(`{"data":${data(MAX_EVENT_DEPTH + 1)}}`, 1)).toThrow(expect.objectContaining({ status: 400, code: 'INVALID_PARAM' }));
});
