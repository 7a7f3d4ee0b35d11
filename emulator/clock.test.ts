import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Clock, parseDuration } from './clock';

function clockFile(content?: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clock-test-')), 'clock.json');
  if (content !== undefined) fs.writeFileSync(file, content);
  return file;
}

test('durations parse in every unit and combination', () => {
  expect(parseDuration('90d')).toBe(90 * 86_400_000);
  expect(parseDuration('1d12h')).toBe(36 * 3_600_000);
  expect(parseDuration('-2h')).toBe(-7_200_000);
  expect(() => parseDuration('soon')).toThrow(/invalid duration/);
});

test.each([
  ['a number beyond any date', { advance: 1e308 }],
  ['a duration beyond any date', { advance: '999999999d' }],
  ['a duration past 2200', { advance: '10000w' }],
  ['a set past 2200', { set: '2201-01-01T00:00:00Z' }],
  ['a set before 1970', { set: '1969-12-31T23:59:59Z' }],
  ['a set at the end of time', { set: '+275760-09-13T00:00:00.000Z' }],
])('%s is refused and changes nothing, in memory or on disk', (_what, request) => {
  const file = clockFile();
  const clock = new Clock(file);
  clock.advance('30d');
  const saved = fs.readFileSync(file, 'utf8');
  const move = () => ('set' in request ? clock.set(request.set) : clock.advance(request.advance));
  expect(move).toThrow(expect.objectContaining({ code: 'INVALID_PARAM', message: expect.stringMatching(/1970.*2200/) }));
  expect(clock.offsetMs()).toBe(30 * 86_400_000);
  expect(fs.readFileSync(file, 'utf8')).toBe(saved);
  expect(Number.isNaN(clock.now().getTime())).toBe(false);
});

test('the edges of the range are accepted', () => {
  const clock = new Clock();
  clock.set('2199-12-31T00:00:00Z');
  expect(clock.now().getUTCFullYear()).toBe(2199);
  clock.set('1970-01-02T00:00:00Z');
  expect(clock.now().getUTCFullYear()).toBe(1970);
});

test('a saved offset is loaded again', () => {
  const file = clockFile();
  new Clock(file).advance('2d');
  expect(new Clock(file).offsetMs()).toBe(2 * 86_400_000);
});

test.each([
  ['not JSON', 'garbage'],
  ['no offset', '{}'],
  ['an offset that is not a number', '{"offsetMs":"soon"}'],
  ['an offset beyond any date', '{"offsetMs":1e308}'],
  ['an offset past 2200', `{"offsetMs":${Date.UTC(2300, 0, 1)}}`],
])('a clock.json with %s stops start-up with a message naming the file and the way out', (_what, content) => {
  const file = clockFile(content);
  let error: Error | undefined;
  try {
    new Clock(file);
  } catch (caught) {
    error = caught as Error;
  }
  expect(error?.name).toBe('StartupError');
  expect(error?.message).toContain(file);
  expect(error?.message).toMatch(/delete it/i);
});
