import type { BrandSettings } from '../shared/rules/brand-settings';
import { calendarOccasion, isCalendarEntry } from '../shared/rules/journey-engine';
import type { JourneyEntry } from '../shared/rules/journeys';
import { addDaysToDayKey, addMonthsToDayKey, shanghaiDayKey } from '../shared/time/shanghai';
import { _, db, type Doc, type Stored } from './cloud';
import { C, type EnrollmentDoc, type JobStateDoc, type JourneyDoc, type MemberDoc } from './documents';
import { enter } from './journey-enroll';
import { memberFacts, tierRanks } from './journey-store';
import { jobState, saveJobState } from './job-state';
import { onShanghaiDay } from './queries';

/**
 * Calendar entries — birthday, dormant, join anniversary — have no event to set a member due, so a
 * daily scan per journey finds the day's members by index (birthdayMD, lastPurchaseAt, joinedAt): the
 * work is the members whose day it is, never all members. Progress (day, part, cursor) is saved after
 * every page in job_state `journey-scan:<journey>`; a missed day is caught up (up to three back), and
 * entering is keyed by the occasion, so a page scanned twice enters nobody twice.
 */
const PAGE = 100;
const CATCH_UP_DAYS = 3;
const ANNIVERSARY_YEARS = 10;

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The member queries (one per part) whose members may have an occasion on `dayKey`; each a list of conditions to AND. */
export function calendarParts(entry: JourneyEntry, dayKey: string, dormantDays: number): Doc[][] {
  if (entry.kind === 'birthday') {
    if (entry.when === 'month') {
      if (!dayKey.endsWith('01')) return [];
      const month = dayKey.slice(4, 6);
      return [[{ birthdayMD: _.gte(`${month}-01`) }, { birthdayMD: _.lte(`${month}-31`) }]];
    }
    const target = addDaysToDayKey(dayKey, entry.daysBefore);
    const md = `${target.slice(4, 6)}-${target.slice(6)}`;
    // 29 February birthdays are kept on 28 February in other years.
    const mds = md === '02-28' && !isLeap(Number(target.slice(0, 4))) ? [md, '02-29'] : [md];
    return [[{ birthdayMD: _.in(mds) }]];
  }
  if (entry.kind === 'dormant') {
    const since = addDaysToDayKey(dayKey, -dormantDays);
    return [onShanghaiDay('lastPurchaseAt', since), [{ lastPurchaseAt: null }, ...onShanghaiDay('joinedAt', since)]];
  }
  if (entry.kind === 'anniversary') {
    return Array.from({ length: ANNIVERSARY_YEARS }, (_unused, i) => onShanghaiDay('joinedAt', addMonthsToDayKey(dayKey, -12 * (i + 1))));
  }
  return [];
}

interface ScanState {
  day: string;
  part: number;
  cursor: string | null;
}

/** Scans every active calendar journey for the days not scanned yet, up to today. */
export async function scanCalendarJourneys(journeys: Stored<JourneyDoc>[], settings: BrandSettings, now: Date, deadline: number): Promise<{ entered: number; finished: boolean }> {
  let entered = 0;
  for (const journey of journeys) {
    if (journey.status !== 'active' || !isCalendarEntry(journey.definition.entry)) continue;
    const result = await scanJourney(journey, settings, now, deadline);
    entered += result.entered;
    if (!result.finished) return { entered, finished: false };
  }
  return { entered, finished: true };
}

async function scanJourney(journey: Stored<JourneyDoc>, settings: BrandSettings, now: Date, deadline: number): Promise<{ entered: number; finished: boolean }> {
  const stateId = `journey-scan:${journey._id}`;
  const today = shanghaiDayKey(now);
  const saved = await jobState(stateId);
  const earliest = addDaysToDayKey(today, -CATCH_UP_DAYS);
  let state: ScanState = (saved?.data as ScanState | undefined) ?? { day: today, part: 0, cursor: null };
  if (state.day < earliest) state = { day: earliest, part: 0, cursor: null };
  const ranks = tierRanks(settings);
  let entered = 0;
  while (state.day <= today) {
    const parts = calendarParts(journey.definition.entry, state.day, settings.care.dormantDays);
    if (state.part >= parts.length) {
      if (state.day === today) break;
      state = { day: addDaysToDayKey(state.day, 1), part: 0, cursor: null };
      continue;
    }
    if (Date.now() >= deadline) {
      await save(stateId, state, now);
      return { entered, finished: false };
    }
    const conditions = [...parts[state.part], ...(state.cursor ? [{ _id: _.gt(state.cursor) }] : [])];
    const { data } = await db.collection<MemberDoc>(C.members).where(_.and(conditions)).orderBy('_id', 'asc').limit(PAGE).get();
    if (data.length) {
      const runs = await db.collection<EnrollmentDoc>(C.enrollments).where({ _id: _.in(data.map((m) => `${journey._id}:${m._id}`)) }).limit(PAGE).get();
      const byMember = new Map(runs.data.map((e) => [e.memberId, e]));
      for (const member of data) {
        const facts = memberFacts(member, ranks);
        const occasion = calendarOccasion(journey.definition.entry, facts, state.day, settings.care.dormantDays);
        if (occasion && (await enter(journey, facts, member.homeStoreId, occasion, byMember.get(member._id) ?? null, now))) entered++;
      }
    }
    state = data.length < PAGE ? { ...state, part: state.part + 1, cursor: null } : { ...state, cursor: data[data.length - 1]._id };
    await save(stateId, state, now);
  }
  return { entered, finished: true };
}

async function save(id: string, state: ScanState, now: Date): Promise<void> {
  const doc: JobStateDoc = { status: 'running', phase: state.day, cursor: state.cursor, watermark: null, data: { ...state }, updatedAt: now };
  await saveJobState(id, doc);
}
