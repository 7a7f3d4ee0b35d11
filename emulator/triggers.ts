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
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly runtime: FunctionRuntime,
    private readonly clock: ClockLike,
    private readonly onFired: (functionName: string, outcome: InvokeOutcome) => void = () => {},
  ) {}

  start(intervalMs = 1000): void {
    this.reschedule();
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Recomputes every trigger's next run from now (after functions change or the clock moves back). */
  reschedule(): void {
    this.next.clear();
    const now = this.clock.now();
    for (const fn of this.runtime.list()) {
      const trigger = fn.config.triggers[0];
      if (trigger) this.next.set(fn.name, nextFireTime(trigger.config, now));
    }
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
    for (const [name, due] of this.next) {
      if (!due || due > now || this.running.has(name)) continue;
      const trigger = this.runtime.get(name)?.config.triggers[0];
      this.next.set(name, trigger ? nextFireTime(trigger.config, now) : null);
      this.running.add(name);
      void this.fire(name)
        .then((outcome) => this.onFired(name, outcome))
        .finally(() => this.running.delete(name));
    }
  }
}
