import { hasUnsafeCharacters } from './text';

test.each([
  ['NUL', 'a\u0000b'],
  ['escape', 'a\u001b[31m'],
  ['right-to-left override', '陈\u202E静'],
  ['left-to-right isolate', 'x\u2066y'],
  ['BOM inside', '陈\uFEFF静'],
  ['zero-width space', '陈\u200B静'],
  ['C1 control', 'a\u0085b'],
  ['line break in a one-line field', '陈\n静'],
  ['unpaired high surrogate', 'a\uD800b'],
  ['unpaired low surrogate', 'a\uDC00'],
])('refuses %s', (_name, text) => {
  expect(hasUnsafeCharacters(text)).toBe(true);
});

test.each([['陈静'], ['Anna Lee'], ['王·小明'], ['童装 / 上装'], ['表情 😀 没问题'], ['数字 123-456_7']])('accepts %s', (text) => {
  expect(hasUnsafeCharacters(text)).toBe(false);
});

test('line breaks only where a field allows them', () => {
  expect(hasUnsafeCharacters('第一行\n第二行', { allowNewlines: true })).toBe(false);
  expect(hasUnsafeCharacters('第一行\u202E', { allowNewlines: true })).toBe(true);
});
