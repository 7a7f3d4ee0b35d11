/** What the automation bench seeds and measures (its cloud entry seeds it; the bench reads the names). */
import type { JourneyDefinition } from '../../shared/rules/journeys';
export const BENCH_JOURNEY = 'bench-journey';
export const BENCH_TEMPLATE = 'TBENCH1';

export interface AutomationSeed {
  count: number;
  now: string;
  /** Pending messages for the sender (one per member of the first slice). */
  messages: number;
}

export interface AutomationFacts {
  members: number;
  enrollments: number;
  messages: number;
  withQuota: number;
}

export const BENCH_JOURNEY_DEFINITION: JourneyDefinition = {
  name: '压测旅程',
  entry: { kind: 'joined' },
  steps: [
    { id: 's1', type: 'message', template: 'store_notice', text: '本周新品已到店', fallbackTask: false },
    { id: 's2', type: 'task', cause: 'journey', title: '电话回访', dueInDays: 2 },
    { id: 's3', type: 'tag', op: 'add', tag: 'bench-tag' },
    { id: 's4', type: 'wait', days: 7, hours: 0 },
    { id: 's5', type: 'tag', op: 'remove', tag: 'bench-tag' },
  ],
  exit: [{ kind: 'purchased_since_entry' }],
  reentry: { kind: 'never' },
  conversionDays: 14,
};

