import { assignRoundRobin, groupByTarget } from './hand-over';

describe('assignRoundRobin', () => {
  it('deals the ids in order, starting at the offset', () => {
    expect([...assignRoundRobin(['a', 'b', 'c', 'd', 'e'], ['x', 'y'], 0)]).toEqual([
      ['a', 'x'],
      ['b', 'y'],
      ['c', 'x'],
      ['d', 'y'],
      ['e', 'x'],
    ]);
    expect([...assignRoundRobin(['a', 'b', 'c'], ['x', 'y', 'z'], 1).values()]).toEqual(['y', 'z', 'x']);
  });

  it('a later batch continues where the previous one stopped', () => {
    const first = assignRoundRobin(['a', 'b'], ['x', 'y', 'z'], 0);
    const second = assignRoundRobin(['c', 'd'], ['x', 'y', 'z'], first.size);
    expect([...second.values()]).toEqual(['z', 'x']);
  });

  it('offsets beyond the targets or below zero wrap', () => {
    expect([...assignRoundRobin(['a'], ['x', 'y', 'z'], 7).values()]).toEqual(['y']);
    expect([...assignRoundRobin(['a'], ['x', 'y', 'z'], -1).values()]).toEqual(['z']);
  });

  it('one target takes everything; no ids, no assignments', () => {
    expect([...assignRoundRobin(['a', 'b'], ['x'], 5).values()]).toEqual(['x', 'x']);
    expect(assignRoundRobin([], [], 0).size).toBe(0);
  });

  it('refuses ids without a target, and a fractional offset', () => {
    expect(() => assignRoundRobin(['a'], [], 0)).toThrow(RangeError);
    expect(() => assignRoundRobin(['a'], ['x'], 0.5)).toThrow(RangeError);
  });

  it('spreads evenly: counts differ by at most one', () => {
    const ids = Array.from({ length: 23 }, (_, i) => `m${i}`);
    const counts = [...groupByTarget(assignRoundRobin(ids, ['x', 'y', 'z', 'w'], 2)).values()].map((group) => group.length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(23);
  });
});

test('groupByTarget keeps assignment order', () => {
  const groups = groupByTarget(new Map([['a', 'y'], ['b', 'x'], ['c', 'y']]));
  expect([...groups]).toEqual([
    ['y', ['a', 'c']],
    ['x', ['b']],
  ]);
  expect(groupByTarget(new Map()).size).toBe(0);
});
