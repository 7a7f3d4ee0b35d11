import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { parseDatabaseSchema } from '../shared/db/schema';
import { createAccessCheck, hostForm } from './access';
import { Clock } from './clock';
import { Database } from './db/database';
import { FunctionRuntime } from './functions/runtime';
import { Outbox } from './openapi';
import { createRequestHandler } from './server';
import { CloudStorage } from './storage';
import { TriggerScheduler, validateCron } from './triggers';

export const REPO_ROOT = path.resolve(__dirname, '..');

export interface LocalCloudOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  dataDir: string;
  functionsRoot?: string;
  schemaFile?: string;
  appJsonFile?: string;
  envId?: string;
  appid?: string;
  /** fdatasync every log write: survives power loss, not only a killed process. */
  fsync?: boolean;
  /** Run timer triggers on schedule (they can always be fired on demand). */
  triggers?: boolean;
}

/** The whole local cloud: database, storage, function runtime, openapi outbox, clock and triggers behind one HTTP port. */
export class LocalCloud {
  readonly envId: string;
  readonly appid: string;
  private server?: http.Server;
  private pages: string[] = [];
  /** Host/Origin rules (access.ts); nothing is let in before the server knows where it listens. */
  readonly checkAccess = createAccessCheck(() => {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return { address: address?.address ?? '', port: address?.port ?? -1 };
  });

  private constructor(
    readonly options: LocalCloudOptions,
    readonly clock: Clock,
    readonly db: Database,
    readonly runtime: FunctionRuntime,
    readonly outbox: Outbox,
    readonly triggers: TriggerScheduler,
    readonly storage: CloudStorage,
  ) {
    this.envId = options.envId ?? 'local';
    this.appid = options.appid ?? 'wx-local-appid';
  }

  static async start(options: LocalCloudOptions): Promise<LocalCloud> {
    const dataDir = path.resolve(options.dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
    const schemaFile = options.schemaFile ?? path.join(REPO_ROOT, 'shared/db/collections.json');
    const schema = parseDatabaseSchema(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
    const clock = new Clock(path.join(dataDir, 'clock.json'));
    const db = new Database(path.join(dataDir, 'db'), schema, { fsync: options.fsync });
    let url = '';
    const runtime = new FunctionRuntime({
      functionsRoot: options.functionsRoot ?? path.join(REPO_ROOT, 'cloudfunctions'),
      serviceUrl: () => url,
      envId: options.envId ?? 'local',
      appid: options.appid ?? 'wx-local-appid',
      clock,
    });
    for (const fn of runtime.list()) for (const trigger of fn.config.triggers) validateCron(trigger.config);
    const outbox = new Outbox(path.join(dataDir, 'outbox'));
    const triggers = new TriggerScheduler(runtime, clock);
    const storage = new CloudStorage(path.join(dataDir, 'storage'), {
      envId: options.envId ?? 'local',
      clock,
      // Only asked while answering a request, by when the server listens.
      baseUrl: (): string => cloud.url,
      fsync: options.fsync,
    });
    const cloud = new LocalCloud(options, clock, db, runtime, outbox, triggers, storage);
    cloud.pages = readAppPages(options.appJsonFile ?? path.join(REPO_ROOT, 'miniprogram/app.json'));

    const server = http.createServer(createRequestHandler(cloud));
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', resolve);
    });
    cloud.server = server;
    url = `${cloud.url}/admin`;
    runtime.warm();
    if (options.triggers !== false) triggers.start();
    return cloud;
  }

  get url(): string {
    const address = this.server!.address() as AddressInfo;
    return `http://${hostForm(address.address)}:${address.port}`;
  }

  appPages(): string[] {
    return this.pages;
  }

  async close(): Promise<void> {
    this.triggers.stop();
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
    await this.runtime.close();
    this.db.close();
  }
}

/** Pages of the mini-program, for wxacode's check that a code points at a real page. */
function readAppPages(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  const app = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    pages?: string[];
    subpackages?: Array<{ root: string; pages: string[] }>;
    subPackages?: Array<{ root: string; pages: string[] }>;
  };
  const subpackages = app.subpackages ?? app.subPackages ?? [];
  return [...(app.pages ?? []), ...subpackages.flatMap((sub) => sub.pages.map((page) => path.posix.join(sub.root, page)))];
}
