/**
 * Where subscription messages go instead of WeChat: tests and the demo read what was "sent" and can make a
 * user refuse (as a real user does by declining or not subscribing), which makes send fail with 43101, or
 * make the next few sends to a user fail as WeChat does when busy (-1) or out of quota (45009), so retry
 * code can be tested. Every send that got past the argument checks is logged as an attempt, sent or not.
 *
 * Messages and attempts are appended to `outbox.jsonl` and `outbox-attempts.jsonl` before send answers,
 * so what a function saw is never lost by a restart. Refusals (`outbox-refusals.json`) and pending
 * failures (`outbox-failures.json`) are kept on disk for the same reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OutboxAttempt, OutboxMessage } from '../types';
import { ERR, TRANSIENT_ERRORS } from './reply';

export interface OutboxFilter {
  touser?: string;
  templateId?: string;
}

interface Refusal {
  openid: string;
  /** Absent: the user refuses every template. */
  templateId?: string;
}

interface PendingFailure {
  openid: string;
  /** Sends still to fail; the entry goes when it reaches 0. */
  times: number;
  errcode: number;
}

export class Outbox {
  private readonly messagesFile: string;
  private readonly refusalsFile: string;
  private readonly failuresFile: string;
  private readonly attemptsFile: string;
  private messages: OutboxMessage[];
  private refusals: Refusal[];
  private failures: PendingFailure[];
  private attemptLog: OutboxAttempt[];

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.messagesFile = path.join(dataDir, 'outbox.jsonl');
    this.refusalsFile = path.join(dataDir, 'outbox-refusals.json');
    this.failuresFile = path.join(dataDir, 'outbox-failures.json');
    this.attemptsFile = path.join(dataDir, 'outbox-attempts.jsonl');
    this.messages = readJsonLines(this.messagesFile);
    this.refusals = readJson(this.refusalsFile, []);
    this.failures = readJson(this.failuresFile, []);
    this.attemptLog = readJsonLines(this.attemptsFile);
  }

  list(filter: OutboxFilter = {}): OutboxMessage[] {
    return this.messages.filter((m) => matches(m, filter)).map((m) => structuredClone(m));
  }

  record(message: OutboxMessage): void {
    fs.appendFileSync(this.messagesFile, `${JSON.stringify(message)}\n`);
    this.messages.push(structuredClone(message));
  }

  hasId(id: string): boolean {
    return this.messages.some((m) => m.id === id);
  }

  /** From now on sends to `openid` (only of `templateId`, when given) fail with 43101. */
  refuse(openid: string, templateId?: string): void {
    if (this.refusals.some((r) => r.openid === openid && r.templateId === templateId)) return;
    this.refusals.push(templateId === undefined ? { openid } : { openid, templateId });
    this.saveRefusals();
  }

  /**
   * Lifts refusals: without `templateId` every refusal of `openid`; with it only the refusal made for that
   * template (a refusal of all templates stays, since the user never accepted this one specifically).
   */
  allow(openid: string, templateId?: string): void {
    this.refusals = this.refusals.filter(
      (r) => r.openid !== openid || (templateId !== undefined && r.templateId !== templateId),
    );
    this.saveRefusals();
  }

  isRefused(openid: string, templateId: string): boolean {
    return this.refusals.some((r) => r.openid === openid && (r.templateId === undefined || r.templateId === templateId));
  }

  /**
   * The next `times` sends to `openid`, of any template, fail with `errcode` and send nothing, as WeChat's
   * transient failures do. Replaces what was pending for that user, so `times` 0 cancels it.
   */
  failNext(openid: string, times: number, errcode: number = ERR.SYSTEM_ERROR): void {
    if (!Number.isInteger(times) || times < 0) throw new RangeError(`times must be a whole number ≥ 0, got ${times}`);
    if (!(errcode in TRANSIENT_ERRORS)) {
      throw new RangeError(`errcode ${errcode} cannot be injected (one of ${Object.keys(TRANSIENT_ERRORS).join(', ')})`);
    }
    this.failures = this.failures.filter((f) => f.openid !== openid);
    if (times > 0) this.failures.push({ openid, times, errcode });
    this.saveFailures();
  }

  /** Uses up one pending failure of `openid`: its errcode, or undefined when this send may go through. */
  takeFailure(openid: string): number | undefined {
    const failure = this.failures.find((f) => f.openid === openid);
    if (!failure) return undefined;
    failure.times--;
    if (failure.times === 0) this.failures = this.failures.filter((f) => f !== failure);
    this.saveFailures();
    return failure.errcode;
  }

  attempts(filter: OutboxFilter = {}): OutboxAttempt[] {
    return this.attemptLog.filter((a) => matches(a, filter)).map((a) => structuredClone(a));
  }

  recordAttempt(attempt: OutboxAttempt): void {
    fs.appendFileSync(this.attemptsFile, `${JSON.stringify(attempt)}\n`);
    this.attemptLog.push(structuredClone(attempt));
  }

  /** Forgets messages, attempts, refusals and pending failures alike: a fresh outbox for the next test or demo run. */
  clear(): void {
    this.messages = [];
    this.attemptLog = [];
    this.refusals = [];
    this.failures = [];
    fs.writeFileSync(this.messagesFile, '');
    fs.writeFileSync(this.attemptsFile, '');
    this.saveRefusals();
    this.saveFailures();
  }

  private saveRefusals(): void {
    fs.writeFileSync(this.refusalsFile, JSON.stringify(this.refusals, null, 2));
  }

  private saveFailures(): void {
    fs.writeFileSync(this.failuresFile, JSON.stringify(this.failures, null, 2));
  }
}

function matches(entry: { touser: string; templateId: string }, filter: OutboxFilter): boolean {
  return (
    (filter.touser === undefined || entry.touser === filter.touser) &&
    (filter.templateId === undefined || entry.templateId === filter.templateId)
  );
}

function readJson<T>(file: string, fallback: T): T {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T) : fallback;
}

function readJsonLines<T>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  const entries: T[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as T);
    } catch {
      // A line cut short by a crash mid-append: that send was never answered, so dropping it is right.
    }
  }
  return entries;
}
