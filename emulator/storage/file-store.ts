/**
 * The bucket on disk: `<dir>/<sha256 of the cloud path>` holds a file's bytes, and `<same>.json` its
 * cloud path and upload time. Object storage keys are flat, so they are not mapped onto folders: `a` and
 * `a/b` may both exist, and case, length and characters no file system agrees on do not matter.
 *
 * Every file is written whole to a temporary name and renamed into place, so a crash leaves the old
 * version or the new one. The `.json` is what makes a file exist: it is written after the bytes and
 * removed before them, and start-up clears whatever a crash left between the two steps.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../types';

export interface StoredFile {
  cloudPath: string;
  size: number;
  /** ISO time on the local clock. */
  uploadedAt: string;
}

interface Meta {
  cloudPath: string;
  uploadedAt: string;
}

const META = '.json';
const TMP = '.tmp';

export class FileStore {
  private readonly files = new Map<string, StoredFile>();

  constructor(
    private readonly dir: string,
    private readonly options: { fsync?: boolean } = {},
  ) {
    fs.mkdirSync(dir, { recursive: true });
    this.load();
  }

  stat(cloudPath: string): StoredFile | undefined {
    const file = this.files.get(cloudPath);
    return file && { ...file };
  }

  /** The bytes of a file, or undefined once it is gone (deleted while the caller waited, say). */
  async read(cloudPath: string): Promise<Buffer | undefined> {
    if (!this.files.has(cloudPath)) return undefined;
    try {
      return await fs.promises.readFile(this.contentFile(cloudPath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Creates or replaces a file. */
  write(cloudPath: string, content: Buffer, at: Date): StoredFile {
    const meta: Meta = { cloudPath, uploadedAt: at.toISOString() };
    this.writeWhole(this.contentFile(cloudPath), content);
    // The new bytes are in place even if the .json below fails; what is served must say so.
    const replaced = this.files.get(cloudPath);
    if (replaced) replaced.size = content.length;
    this.writeWhole(this.metaFile(cloudPath), Buffer.from(JSON.stringify(meta)));
    const file = { ...meta, size: content.length };
    this.files.set(cloudPath, file);
    return { ...file };
  }

  /** False when there was no such file. */
  delete(cloudPath: string): boolean {
    if (!this.files.has(cloudPath)) return false;
    fs.rmSync(this.metaFile(cloudPath), { force: true });
    this.files.delete(cloudPath);
    fs.rmSync(this.contentFile(cloudPath), { force: true });
    return true;
  }

  /** Files whose cloud path starts with `prefix`, by path. */
  list(prefix = ''): StoredFile[] {
    return [...this.files.values()]
      .filter((file) => file.cloudPath.startsWith(prefix))
      .sort((a, b) => (a.cloudPath < b.cloudPath ? -1 : a.cloudPath > b.cloudPath ? 1 : 0))
      .map((file) => ({ ...file }));
  }

  private contentFile(cloudPath: string): string {
    return path.join(this.dir, createHash('sha256').update(cloudPath).digest('hex'));
  }

  private metaFile(cloudPath: string): string {
    return this.contentFile(cloudPath) + META;
  }

  private writeWhole(file: string, content: Buffer): void {
    // Unique, so two uploads of the same path at once cannot write into each other's temporary file.
    const tmp = `${file}.${randomBytes(6).toString('hex')}${TMP}`;
    try {
      const fd = fs.openSync(tmp, 'w');
      try {
        fs.writeFileSync(fd, content);
        if (this.options.fsync) fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, file);
    } catch (error) {
      fs.rmSync(tmp, { force: true });
      throw error;
    }
    if (this.options.fsync) this.syncDirectory();
  }

  /** Makes renames in the folder survive power loss, not only a killed process. */
  private syncDirectory(): void {
    const fd = fs.openSync(this.dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  private load(): void {
    const names = new Set(
      fs
        .readdirSync(this.dir, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name),
    );
    for (const name of names) {
      if (name.endsWith(TMP)) fs.rmSync(path.join(this.dir, name), { force: true });
    }
    for (const name of names) {
      if (!name.endsWith(META)) continue;
      const metaFile = path.join(this.dir, name);
      const content = name.slice(0, -META.length);
      if (!names.has(content)) {
        fs.rmSync(metaFile, { force: true });
        continue;
      }
      const meta = readMeta(metaFile);
      if (path.basename(this.contentFile(meta.cloudPath)) !== content) {
        throw new StartupError(`${metaFile} names ${JSON.stringify(meta.cloudPath)}, which is stored under another name; delete both files of this pair.`);
      }
      this.files.set(meta.cloudPath, { ...meta, size: fs.statSync(path.join(this.dir, content)).size });
    }
    // Bytes whose .json never got written: an upload cut short, or a delete cut short.
    for (const name of names) {
      if (!name.endsWith(META) && !name.endsWith(TMP) && !names.has(name + META)) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }
}

function readMeta(file: string): Meta {
  let meta: Partial<Meta> | null;
  try {
    meta = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Meta> | null;
  } catch (error) {
    throw new StartupError(`${file} is not valid JSON (${(error as Error).message}); delete it and the file of the same name without .json.`);
  }
  if (typeof meta?.cloudPath !== 'string' || typeof meta.uploadedAt !== 'string') {
    throw new StartupError(`${file} lacks "cloudPath" or "uploadedAt"; delete it and the file of the same name without .json.`);
  }
  return { cloudPath: meta.cloudPath, uploadedAt: meta.uploadedAt };
}
