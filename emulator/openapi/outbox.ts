/**
 * Where subscription messages go instead of WeChat: tests and the demo read what was "sent" and can make a
 * user refuse (as a real user does by declining or not subscribing), which makes send fail with 43101.
 *
 * Messages are appended to `outbox.jsonl` before send answers, so a message the function saw as sent is
 * never lost by a restart. Refusals live in `outbox-refusals.json` for the same reason.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OutboxMessage } from '../types';

export interface OutboxFilter {
  touser?: string;
  templateId?: string;
}

interface Refusal {
  openid: string;
  /** Absent: the user refuses every template. */
  templateId?: string;
}

export class Outbox {
  private readonly messagesFile: string;
  private readonly refusalsFile: string;
  private messages: OutboxMessage[];
  private refusals: Refusal[];

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.messagesFile = path.join(dataDir, 'outbox.jsonl');
    this.refusalsFile = path.join(dataDir, 'outbox-refusals.json');
    this.messages = readJsonLines(this.messagesFile);
    this.refusals = fs.existsSync(this.refusalsFile)
      ? (JSON.parse(fs.readFileSync(this.refusalsFile, 'utf8')) as Refusal[])
      : [];
  }

  list(filter: OutboxFilter = {}): OutboxMessage[] {
    return this.messages
      .filter((m) => filter.touser === undefined || m.touser === filter.touser)
      .filter((m) => filter.templateId === undefined || m.templateId === filter.templateId)
      .map((m) => structuredClone(m));
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

  /** Forgets messages and refusals alike: a fresh outbox for the next test or demo run. */
  clear(): void {
    this.messages = [];
    this.refusals = [];
    fs.writeFileSync(this.messagesFile, '');
    this.saveRefusals();
  }

  private saveRefusals(): void {
    fs.writeFileSync(this.refusalsFile, JSON.stringify(this.refusals, null, 2));
  }
}

function readJsonLines(file: string): OutboxMessage[] {
  if (!fs.existsSync(file)) return [];
  const messages: OutboxMessage[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      messages.push(JSON.parse(line) as OutboxMessage);
    } catch {
      // A line cut short by a crash mid-append: that message was never acknowledged, so dropping it is right.
    }
  }
  return messages;
}
