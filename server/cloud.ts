/**
 * The one place that touches wx-server-sdk. Its own typings return `void` unions (callback overloads),
 * so this module declares the narrow, promise-only surface the functions use and casts once here.
 */
import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export type Doc = Record<string, unknown>;
export type Stored<T> = T & { _id: string };

export interface DocRef<T> {
  get(): Promise<{ data: Stored<T> }>;
  set(options: { data: T }): Promise<unknown>;
  update(options: { data: Partial<T> | Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Query<T> {
  where(condition: Doc): Query<T>;
  orderBy(field: string, direction: 'asc' | 'desc'): Query<T>;
  limit(count: number): Query<T>;
  skip(count: number): Query<T>;
  field(projection: Record<string, boolean>): Query<T>;
  get(): Promise<{ data: Stored<T>[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: Partial<T> | Doc }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

/** The aggregation stages the functions use (CloudBase has no $facet). */
export interface Aggregate {
  match(query: Doc): Aggregate;
  group(spec: Doc): Aggregate;
  sort(spec: Record<string, 1 | -1>): Aggregate;
  limit(count: number): Aggregate;
  project(spec: Doc): Aggregate;
  end(): Promise<{ list: unknown[] }>;
}

export interface CollectionRef<T> extends Query<T> {
  doc(id: string): DocRef<T>;
  add(options: { data: T & { _id?: string } }): Promise<{ _id: string }>;
  aggregate(): Aggregate;
}

export interface TransactionCollection<T> {
  doc(id: string): {
    get(): Promise<{ data: Stored<T> }>;
    set(options: { data: T }): Promise<unknown>;
    update(options: { data: Partial<T> | Doc }): Promise<{ stats: { updated: number } }>;
    remove(): Promise<unknown>;
  };
  add(options: { data: T & { _id?: string } }): Promise<{ _id: string }>;
}

export interface Transaction {
  collection<T = Doc>(name: string): TransactionCollection<T>;
}

export interface Command {
  eq(value: unknown): unknown;
  neq(value: unknown): unknown;
  in(values: unknown[]): unknown;
  lt(value: unknown): unknown;
  lte(value: unknown): unknown;
  gt(value: unknown): unknown;
  gte(value: unknown): unknown;
  inc(value: number): unknown;
  remove(): unknown;
  /** Replaces a whole object field (a plain object would only set the keys it names). */
  set(value: unknown): unknown;
  push(values: unknown[]): unknown;
  addToSet(value: unknown): unknown;
  pull(value: unknown): unknown;
  and(conditions: Doc[]): Doc;
  or(conditions: Doc[]): Doc;
  aggregate: {
    sum(value: unknown): unknown;
    cond(spec: Doc): unknown;
    eq(values: unknown[]): unknown;
    gte(values: unknown[]): unknown;
    add(values: unknown[]): unknown;
    objectToArray(value: unknown): unknown;
    reduce(spec: Doc): unknown;
    switch(spec: Doc): unknown;
  };
}

export interface Database {
  collection<T = Doc>(name: string): CollectionRef<T>;
  RegExp(options: { regexp: string; options?: string }): unknown;
  command: Command;
  runTransaction<R>(work: (txn: Transaction) => Promise<R>, retries?: number): Promise<R>;
}

export const db = cloud.database() as unknown as Database;
export const _ = db.command;

/** The caller, as the cloud says: never taken from the request payload. */
export function caller(): { openid: string; appid: string; unionid: string } {
  const ctx = cloud.getWXContext() as { OPENID?: string; APPID?: string; UNIONID?: string };
  return { openid: ctx.OPENID ?? '', appid: ctx.APPID ?? '', unionid: ctx.UNIONID ?? '' };
}

export const openapi = {
  async getPhoneNumber(code: string): Promise<string> {
    const res = (await cloud.openapi.phonenumber.getPhoneNumber({ code })) as { phoneInfo: { purePhoneNumber: string } };
    return res.phoneInfo.purePhoneNumber;
  },
  async getUnlimited(options: { scene: string; page: string; width?: number }): Promise<Buffer> {
    const res = (await cloud.openapi.wxacode.getUnlimited({
      scene: options.scene,
      page: options.page,
      width: options.width ?? 430,
      checkPath: true,
      envVersion: 'release',
    })) as { buffer: Buffer };
    return res.buffer;
  },
  /** Throws WeChat's error ({errCode, errMsg}) on failure, as the SDK does. */
  async sendSubscribeMessage(message: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<void> {
    await cloud.openapi.subscribeMessage.send({ ...message, miniprogramState: 'formal', lang: 'zh_CN' });
  },
};

/** Cloud storage: files the functions write (a member's data export) and the temporary links to them. */
export const storage = {
  async upload(cloudPath: string, content: Buffer): Promise<string> {
    const res = (await cloud.uploadFile({ cloudPath, fileContent: content })) as { fileID: string };
    return res.fileID;
  },
  /** A link anyone holding it can open until it expires (maxAge seconds). */
  async temporaryUrl(fileId: string, maxAgeSeconds: number): Promise<string> {
    const res = (await cloud.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: maxAgeSeconds }] } as never)) as {
      fileList: Array<{ fileID: string; status: number; errMsg: string; tempFileURL: string }>;
    };
    const file = res.fileList[0];
    if (!file || file.status !== 0) throw new Error(`no link for ${fileId}: ${file?.errMsg ?? 'no answer'}`);
    return file.tempFileURL;
  },
  async remove(fileIds: string[]): Promise<void> {
    if (fileIds.length) await cloud.deleteFile({ fileList: fileIds });
  },
};
