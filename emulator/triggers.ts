import { Cron } from 'croner';
import type { ClockLike } from './types';
import type { FunctionRuntime, InvokeOutcome } from './functions/runtime';

export interface TriggerState {
  functionName: string;
  name: string;
  cron: string;
  nextRun: string | null;
  lastRun: string | null;
}

/** WeChat Cloud timer triggers: 7-field cron (sec min hour day month weekday year), Beijing time. */
export function nextFireTime(cron: string, after: Date): Date | null {
  return new Cron(cron, { timezone: 'Asia/Shanghai', paused: true }).nextRun(after);
}

export function validateCron(cron: string): void {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7) throw new Error(`timer trigger "${cron}" must have 7 fields: sec min hour day month weekday year`);
  nextFireTime(cron, new Date());
}

/**
 * Fires each function's timer trigger when the local clock passes its next run time. The clock can
 * jump (a test moves it 90 days): runs missed by a jump are coalesced into one, as a trigger does not
 * replay the past. A run still going when the next is due is not started twice.
 */
export class TriggerScheduler {
  private readonly next = new Map<string, Date | null>();
  private readonly last = new Map<string, Date>();
  private readonly running = new Set<string>();
  private readonly unscheduled = new Set<string>();
  private readonly problems = new Map<string, string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly runtime: FunctionRuntime,
    private readonly clock: ClockLike,
    private readonly onFired: (functionName: string, outcome: InvokeOutcome) => void = () => {},
  ) {}

  start(intervalMs = 1000): void {
    this.reschedule();
    this.timer = setInterval(() => {
      // The loop is the only thing that runs timer triggers: one bad tick must not end the process.
      try {
        this.tick();
      } catch (error) {
        this.report('the trigger loop', error);
      }
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Recomputes every trigger's next run from now (after functions change or the clock moves back). */
  reschedule(): void {
    this.next.clear();
    this.unscheduled.clear();
    const now = this.clock.now();
    for (const fn of this.runtime.list()) if (fn.config.triggers[0]) this.schedule(fn.name, now);
  }

  states(): TriggerState[] {
    return this.runtime.list().flatMap((fn) => {
      const trigger = fn.config.triggers[0];
      if (!trigger) return [];
      return [
        {
          functionName: fn.name,
          name: trigger.name,
          cron: trigger.config,
          nextRun: this.next.get(fn.name)?.toISOString() ?? null,
          lastRun: this.last.get(fn.name)?.toISOString() ?? null,
        },
      ];
    });
  }

  /** Fires a function's trigger now, whatever its schedule. */
  async fire(functionName: string): Promise<InvokeOutcome> {
    const fn = this.runtime.get(functionName);
    const trigger = fn?.config.triggers[0];
    const now = this.clock.now();
    this.last.set(functionName, now);
    return this.runtime.invoke({
      functionName,
      source: 'timer',
      event: {
        Type: 'Timer',
        TriggerName: trigger?.name ?? 'manual',
        Time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        Message: '',
      },
    });
  }

  private tick(): void {
    const now = this.clock.now();
    // NaN compares false with everything, so an invalid now would make every trigger look due.
    if (Number.isNaN(now.getTime())) {
      if (!this.problems.has('')) this.report('the trigger loop', new Error('the clock reads an invalid date'));
      this.problems.set('', 'invalid clock');
      return;
    }
    this.problems.delete('');
    for (const name of [...this.unscheduled]) this.schedule(name, now);
    for (const [name, due] of this.next) {
      if (!due || due > now || this.running.has(name)) continue;
      this.schedule(name, now);
      this.running.add(name);
      void this.fire(name)
        .then((outcome) => this.onFired(name, outcome))
        .catch((error: unknown) => this.report(`timer trigger of ${name}`, error))
        .finally(() => this.running.delete(name));
    }
  }

  /**
   * Computes a trigger's next run. When that fails (an unusable clock, a cron croner cannot place) the
   * trigger is left unscheduled and retried on the next tick, logging once per distinct problem rather
   * than once a second.
   */
  private schedule(name: string, after: Date): void {
    const trigger = this.runtime.get(name)?.config.triggers[0];
    try {
      this.next.set(name, trigger ? nextFireTime(trigger.config, after) : null);
      this.unscheduled.delete(name);
      this.problems.delete(name);
    } catch (error) {
      this.next.set(name, null);
      this.unscheduled.add(name);
      const message = (error as Error).message;
      if (this.problems.get(name) !== message) {
        this.problems.set(name, message);
        this.report(`timer trigger of ${name} (next run after ${String(after)})`, error);
      }
    }
  }

  private report(what: string, error: unknown): void {
    console.error(`local cloud: ${what} failed, will retry: ${(error as Error)?.message ?? String(error)}`);
  }
}
