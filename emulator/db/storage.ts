import fs from 'node:fs';
import path from 'node:path';
import { decode, encode, type Doc } from './ejson';

/** One durable change: a collection created, or documents written (doc) or deleted (null). */
export type LogRecord =
  | { create: string }
  | { ops: Array<{ c: string; id: unknown; d: Doc | null }> };

const SNAPSHOT = 'snapshot.ejsonl';
const LOG = 'wal.ejsonl';

/**
 * A snapshot plus an append-only log of full-document writes, one EJSON line per acknowledged change.
 * A record is written (write(2)) before the change is applied and acknowledged, so a killed process
 * loses nothing it answered; records hold whole documents, so replaying one twice is harmless, which
 * makes compaction safe to interrupt. `fsync` adds power-loss durability at the cost of speed.
 */
export class Storage {
  private fd = -1;
  private logBytes = 0;

  constructor(
    readonly dir: string,
    private readonly options: { fsync?: boolean; compactAtBytes?: number } = {},
  ) {
    fs.mkdirSync(dir, { recursive: true });
  }

  /** Replays the snapshot then the log. A torn last line (a write cut by a crash) was never acknowledged. */
  load(apply: (record: LogRecord) => void): void {
    for (const file of [SNAPSHOT, LOG]) {
      const full = path.join(this.dir, file);
      if (!fs.existsSync(full)) continue;
      const lines = fs.readFileSync(full, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!line) return;
        let record: LogRecord;
        try {
          record = decode(line, () => new Date()) as LogRecord;
        } catch (error) {
          if (i >= lines.length - 2) return;
          throw new Error(`${full}:${i + 1} is corrupt: ${(error as Error).message}`);
        }
        apply(record);
      });
    }
  }

  open(): void {
    this.fd = fs.openSync(path.join(this.dir, LOG), 'a');
    this.logBytes = fs.fstatSync(this.fd).size;
  }

  append(record: LogRecord): void {
    const line = Buffer.from(encode(record) + '\n');
    fs.writeSync(this.fd, line);
    if (this.options.fsync) fs.fdatasyncSync(this.fd);
    this.logBytes += line.length;
  }

  get hasLog(): boolean {
    return this.logBytes > 0;
  }

  get needsCompaction(): boolean {
    return this.logBytes > (this.options.compactAtBytes ?? 64 * 1024 * 1024);
  }

  /** Writes the whole state as a new snapshot, then empties the log. */
  compact(records: Iterable<LogRecord>): void {
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`);
    const fd = fs.openSync(tmp, 'w');
    let batch: string[] = [];
    for (const record of records) {
      batch.push(encode(record));
      if (batch.length >= 1000) {
        fs.writeSync(fd, batch.join('\n') + '\n');
        batch = [];
      }
    }
    if (batch.length) fs.writeSync(fd, batch.join('\n') + '\n');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, path.join(this.dir, SNAPSHOT));
    if (this.fd >= 0) fs.closeSync(this.fd);
    fs.writeFileSync(path.join(this.dir, LOG), '');
    this.open();
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }
}
