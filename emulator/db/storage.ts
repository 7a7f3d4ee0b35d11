import fs from 'node:fs';
import path from 'node:path';
import { CloudError, StartupError } from '../types';
import { decode, encode, type Doc } from './ejson';

/** One durable change: a collection created, or documents written (doc) or deleted (null). */
export type LogRecord =
  | { create: string }
  | { ops: Array<{ c: string; id: unknown; d: Doc | null }> };

/** The system calls the log depends on; tests replace them to play a full or failing disk. */
export interface StorageIo {
  /** write(2): may store less than asked (a short write) or throw (ENOSPC, EIO…). */
  write(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsync(fd: number): void;
  fdatasync(fd: number): void;
}

export interface StorageOptions {
  /** fdatasync every log write and fsync the folder after compaction: survives power loss. */
  fsync?: boolean;
  compactAtBytes?: number;
  io?: Partial<StorageIo>;
}

const SNAPSHOT = 'snapshot.ejsonl';
const LOG = 'wal.ejsonl';

const systemIo: StorageIo = {
  write: (fd, buffer, offset, length) => fs.writeSync(fd, buffer, offset, length),
  fsync: (fd) => fs.fsyncSync(fd),
  fdatasync: (fd) => fs.fdatasyncSync(fd),
};

/**
 * A snapshot plus an append-only log of full-document writes, one EJSON line per acknowledged change.
 * A record is written (write(2)) before the change is applied and acknowledged, so a killed process
 * loses nothing it answered; records hold whole documents, so replaying one twice is harmless, which
 * makes compaction safe to interrupt. `fsync` adds power-loss durability at the cost of speed.
 *
 * A record that cannot be written whole (full disk, I/O error) is cut off again, so the log only ever
 * holds complete records followed by at most one torn line, which is what start-up tolerates.
 */
export class Storage {
  private fd = -1;
  private logBytes = 0;
  private readonly io: StorageIo;
  /** Set when a failed record could not be cut off: appending after its fragment would corrupt the log. */
  private broken?: CloudError;

  constructor(
    readonly dir: string,
    private readonly options: StorageOptions = {},
  ) {
    this.io = { ...systemIo, ...options.io };
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
          throw new StartupError(
            `${full}:${i + 1} is corrupt: ${(error as Error).message}. The local cloud will not guess what it held: ` +
              `fix or remove that line, or move the data folder ${path.dirname(this.dir)} aside to start empty.`,
          );
        }
        apply(record);
      });
    }
  }

  open(): void {
    this.fd = fs.openSync(path.join(this.dir, LOG), 'a');
    this.logBytes = fs.fstatSync(this.fd).size;
  }

  /** Appends one record whole, or throws having left the log as it was. */
  append(record: LogRecord): void {
    if (this.broken) throw this.broken;
    const line = Buffer.from(encode(record) + '\n');
    try {
      this.writeAll(this.fd, line);
      if (this.options.fsync) this.io.fdatasync(this.fd);
    } catch (error) {
      const failure = writeFailed(path.join(this.dir, LOG), error);
      try {
        fs.ftruncateSync(this.fd, this.logBytes);
      } catch (truncateError) {
        this.broken = new CloudError(
          'DATABASE_REQUEST_FAILED',
          `${failure.message} The log could not be cut back to its last complete record ` +
            `(${(truncateError as Error).message}), so the local cloud accepts no more writes: restart it ` +
            '(start-up drops a torn last line).',
        );
        throw this.broken;
      }
      throw failure;
    }
    this.logBytes += line.length;
  }

  get hasLog(): boolean {
    return this.logBytes > 0;
  }

  get needsCompaction(): boolean {
    return this.logBytes > (this.options.compactAtBytes ?? 64 * 1024 * 1024);
  }

  /**
   * Writes the whole state as a new snapshot, then empties the log. Until the new snapshot is in place
   * (and, with fsync, its rename is durable) the old snapshot and the log stay as they are, so a failure
   * at any step loses nothing; the caller may try again later.
   */
  compact(records: Iterable<LogRecord>): void {
    const tmp = path.join(this.dir, `${SNAPSHOT}.tmp`);
    let fd = -1;
    try {
      fd = fs.openSync(tmp, 'w');
      let batch: string[] = [];
      for (const record of records) {
        batch.push(encode(record));
        if (batch.length >= 1000) {
          this.writeAll(fd, Buffer.from(batch.join('\n') + '\n'));
          batch = [];
        }
      }
      if (batch.length) this.writeAll(fd, Buffer.from(batch.join('\n') + '\n'));
      this.io.fsync(fd);
      fs.closeSync(fd);
      fd = -1;
      fs.renameSync(tmp, path.join(this.dir, SNAPSHOT));
      // Without this the rename may not survive power loss while the emptied log does.
      if (this.options.fsync) this.syncDirectory();
    } catch (error) {
      if (fd >= 0) fs.closeSync(fd);
      fs.rmSync(tmp, { force: true });
      throw writeFailed(path.join(this.dir, SNAPSHOT), error);
    }
    fs.ftruncateSync(this.fd, 0);
    if (this.options.fsync) this.io.fdatasync(this.fd);
    this.logBytes = 0;
  }

  close(): void {
    if (this.fd >= 0) fs.closeSync(this.fd);
    this.fd = -1;
  }

  /** write(2) may store only part of a buffer (a signal, a nearly full disk): keep going until all of it is written. */
  private writeAll(fd: number, buffer: Buffer): void {
    let offset = 0;
    while (offset < buffer.length) {
      const written = this.io.write(fd, buffer, offset, buffer.length - offset);
      if (!(written > 0)) throw Object.assign(new Error(`write(2) stored nothing of ${buffer.length - offset} bytes`), { code: 'EIO' });
      offset += written;
    }
  }

  private syncDirectory(): void {
    const fd = fs.openSync(this.dir, 'r');
    try {
      this.io.fsync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}

function writeFailed(file: string, error: unknown): CloudError {
  const err = error as NodeJS.ErrnoException;
  const cause = `${err.code ?? 'error'}: ${err.message}`;
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT') {
    return new CloudError(
      'DATABASE_REQUEST_FAILED',
      `the local cloud's disk is full (${cause}) writing ${file}: the change was not saved and not applied. Free some space and retry.`,
    );
  }
  return new CloudError('DATABASE_REQUEST_FAILED', `the local cloud could not write ${file} (${cause}): the change was not saved and not applied.`);
}
