import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OutboxMessage } from '../types';
import { Outbox } from './outbox';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-test-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function message(id: string, touser: string, templateId: string): OutboxMessage {
  return { id, touser, templateId, data: { thing1: { value: id } }, sentAt: '2025-03-01T08:00:00.000Z' };
}

describe('Outbox', () => {
  it('keeps messages and refusals across a new instance on the same folder', () => {
    const first = new Outbox(dir);
    first.record(message('1', 'o-a', 'T1'));
    first.record(message('2', 'o-b', 'T2'));
    first.refuse('o-a', 'T2');

    const second = new Outbox(dir);
    expect(second.list().map((m) => m.id)).toEqual(['1', '2']);
    expect(second.hasId('2')).toBe(true);
    expect(second.isRefused('o-a', 'T2')).toBe(true);
    expect(second.isRefused('o-a', 'T1')).toBe(false);
  });

  it('filters by user and template', () => {
    const outbox = new Outbox(dir);
    outbox.record(message('1', 'o-a', 'T1'));
    outbox.record(message('2', 'o-a', 'T2'));
    outbox.record(message('3', 'o-b', 'T1'));
    expect(outbox.list({ touser: 'o-a' }).map((m) => m.id)).toEqual(['1', '2']);
    expect(outbox.list({ templateId: 'T1' }).map((m) => m.id)).toEqual(['1', '3']);
    expect(outbox.list({ touser: 'o-b', templateId: 'T2' })).toEqual([]);
  });

  it('returns copies, so callers cannot alter what was sent', () => {
    const outbox = new Outbox(dir);
    outbox.record(message('1', 'o-a', 'T1'));
    const [listed] = outbox.list();
    if (listed?.data.thing1) listed.data.thing1.value = 'changed';
    expect(outbox.list()[0]?.data.thing1?.value).toBe('1');
  });

  it('lifts a per-template refusal without lifting a refusal of everything', () => {
    const outbox = new Outbox(dir);
    outbox.refuse('o-a');
    outbox.refuse('o-a', 'T1');
    outbox.allow('o-a', 'T1');
    expect(outbox.isRefused('o-a', 'T1')).toBe(true);
    outbox.allow('o-a');
    expect(outbox.isRefused('o-a', 'T1')).toBe(false);
    expect(outbox.isRefused('o-a', 'T9')).toBe(false);
  });

  it('refuses every template when none is named, and only that user', () => {
    const outbox = new Outbox(dir);
    outbox.refuse('o-a');
    expect(outbox.isRefused('o-a', 'anything')).toBe(true);
    expect(outbox.isRefused('o-b', 'anything')).toBe(false);
  });

  it('clears messages and refusals on disk too', () => {
    const outbox = new Outbox(dir);
    outbox.record(message('1', 'o-a', 'T1'));
    outbox.refuse('o-a');
    outbox.clear();
    const reopened = new Outbox(dir);
    expect(reopened.list()).toEqual([]);
    expect(reopened.isRefused('o-a', 'T1')).toBe(false);
  });

  it('ignores a last line cut short by a crash', () => {
    const outbox = new Outbox(dir);
    outbox.record(message('1', 'o-a', 'T1'));
    fs.appendFileSync(path.join(dir, 'outbox.jsonl'), '{"id":"2","tou');
    expect(new Outbox(dir).list().map((m) => m.id)).toEqual(['1']);
  });

  it('fails the next sends to a user, counting down, and keeps the count across a new instance', () => {
    const first = new Outbox(dir);
    first.failNext('o-a', 3);
    expect(first.takeFailure('o-b')).toBeUndefined();
    expect(first.takeFailure('o-a')).toBe(-1);

    const second = new Outbox(dir);
    expect(second.takeFailure('o-a')).toBe(-1);
    const third = new Outbox(dir);
    expect(third.takeFailure('o-a')).toBe(-1);
    expect(third.takeFailure('o-a')).toBeUndefined();
    expect(new Outbox(dir).takeFailure('o-a')).toBeUndefined();
  });

  it('injects the quota error when asked, replaces what was pending, and cancels with 0', () => {
    const outbox = new Outbox(dir);
    outbox.failNext('o-a', 5);
    outbox.failNext('o-a', 1, 45009);
    expect(outbox.takeFailure('o-a')).toBe(45009);
    expect(outbox.takeFailure('o-a')).toBeUndefined();
    outbox.failNext('o-a', 2);
    outbox.failNext('o-a', 0);
    expect(outbox.takeFailure('o-a')).toBeUndefined();
  });

  it.each([
    ['a negative count', -1, undefined],
    ['a fractional count', 1.5, undefined],
    ['an errcode without a known errmsg', 1, 40001],
  ])('will not inject %s', (_what, times, errcode) => {
    const outbox = new Outbox(dir);
    expect(() => outbox.failNext('o-a', times, errcode)).toThrow(RangeError);
    expect(outbox.takeFailure('o-a')).toBeUndefined();
  });

  it('keeps attempts across a new instance and filters them like messages', () => {
    const first = new Outbox(dir);
    first.recordAttempt({ touser: 'o-a', templateId: 'T1', at: '2025-03-01T08:00:00.000Z', errcode: -1 });
    first.recordAttempt({ touser: 'o-a', templateId: 'T1', at: '2025-03-01T08:00:01.000Z', errcode: 0, msgid: '7' });
    first.recordAttempt({ touser: 'o-b', templateId: 'T2', at: '2025-03-01T08:00:02.000Z', errcode: 43101 });
    fs.appendFileSync(path.join(dir, 'outbox-attempts.jsonl'), '{"touser":"o-');

    const second = new Outbox(dir);
    expect(second.attempts().map((a) => a.errcode)).toEqual([-1, 0, 43101]);
    expect(second.attempts({ touser: 'o-a' })[1]).toEqual({ touser: 'o-a', templateId: 'T1', at: '2025-03-01T08:00:01.000Z', errcode: 0, msgid: '7' });
    expect(second.attempts({ templateId: 'T2' }).map((a) => a.touser)).toEqual(['o-b']);
  });

  it('clears attempts and pending failures on disk too', () => {
    const outbox = new Outbox(dir);
    outbox.failNext('o-a', 2);
    outbox.recordAttempt({ touser: 'o-a', templateId: 'T1', at: '2025-03-01T08:00:00.000Z', errcode: 0, msgid: '1' });
    outbox.clear();
    const reopened = new Outbox(dir);
    expect(reopened.attempts()).toEqual([]);
    expect(reopened.takeFailure('o-a')).toBeUndefined();
  });

  it('creates its folder', () => {
    const nested = path.join(dir, 'a', 'b');
    new Outbox(nested).record(message('1', 'o-a', 'T1'));
    expect(fs.existsSync(path.join(nested, 'outbox.jsonl'))).toBe(true);
  });
});
