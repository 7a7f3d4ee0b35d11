import type { FunctionRuntime, InvokeOutcome } from './functions/runtime';
import { TriggerScheduler } from './triggers';
import type { ClockLike } from './types';

function fakeRuntime(cron: string) {
  const fn = { name: 'job', entry: '', dir: '', config: { timeout: 3, triggers: [{ name: 'tick', type: 'timer', config: cron }], permissions: { openapi: [] } } };
  const invoked: unknown[] = [];
  const runtime = {
    list: () => [fn],
    get: (name: string) => (name === fn.name ? fn : undefined),
    invoke: async (request: unknown) => {
      invoked.push(request);
      return { ok: true, result: null, record: {} } as unknown as InvokeOutcome;
    },
  } as unknown as FunctionRuntime;
  return { runtime, invoked };
}

class SwitchableClock implements ClockLike {
  broken = false;
  private readonly base = Date.UTC(2030, 0, 1);
  private ticks = 0;
  now(): Date {
    return this.broken ? new Date(Number.NaN) : new Date(this.base + this.ticks++ * 1000);
  }
  offsetMs(): number {
    return 0;
  }
}

beforeEach(() => {
  jest.useFakeTimers();
  jest.spyOn(console, 'error').mockImplementation(() => {});
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

test('a schedule that cannot be computed is logged and the loop keeps going; it fires again once the clock is sane', async () => {
  const { runtime, invoked } = fakeRuntime('* * * * * * *');
  const clock = new SwitchableClock();
  const scheduler = new TriggerScheduler(runtime, clock);
  scheduler.start(1000);
  clock.broken = true;
  expect(() => jest.advanceTimersByTime(5000)).not.toThrow();
  await Promise.resolve();
  expect(console.error).toHaveBeenCalled();
  clock.broken = false;
  const before = invoked.length;
  jest.advanceTimersByTime(3000);
  await Promise.resolve();
  expect(invoked.length).toBeGreaterThan(before);
  scheduler.stop();
});

test('rescheduling on a broken clock does not throw either', () => {
  const { runtime } = fakeRuntime('* * * * * * *');
  const clock = new SwitchableClock();
  const scheduler = new TriggerScheduler(runtime, clock);
  clock.broken = true;
  expect(() => scheduler.reschedule()).not.toThrow();
  expect(scheduler.states()[0].nextRun).toBeNull();
});
