/**
 * The storage's state and its links: the files on disk, their ids, and signing and checking links on the
 * local clock. Links are built on the local cloud's own address, never on a request's Host header.
 */
import path from 'node:path';
import { CLOCK_MAX_MS } from '../clock';
import type { ClockLike } from '../types';
import { DEFAULT_MAX_AGE_SECONDS } from './actions';
import { FileIds } from './cloud-path';
import { contentTypeOf } from './content-type';
import { FileStore, type StoredFile } from './file-store';
import { LinkSigner, type LinkMethod } from './link-signer';
import { DOWNLOAD_PATH, UPLOAD_PATH } from './links';

/** How long an upload link from getUploadMetadata may be used (the local cloud's choice). */
export const UPLOAD_LINK_SECONDS = 600;

export interface CloudStorageDeps {
  envId: string;
  clock: ClockLike;
  /** Where the local cloud answers, e.g. http://127.0.0.1:8787. */
  baseUrl: () => string;
  fsync?: boolean;
}

/** Why a link is refused, in COS's terms (see links.ts). */
export interface LinkRefusal {
  status: number;
  code: string;
  message: string;
}

export interface ListedFile extends StoredFile {
  fileID: string;
  contentType: string;
  /** A download link valid for a day, for people looking through the bucket. */
  tempFileURL: string;
}

export class CloudStorage {
  readonly files: FileStore;
  readonly ids: FileIds;
  private readonly signer: LinkSigner;

  constructor(
    dir: string,
    private readonly deps: CloudStorageDeps,
  ) {
    this.files = new FileStore(path.join(dir, 'files'), { fsync: deps.fsync });
    this.signer = new LinkSigner(path.join(dir, 'link-key'));
    this.ids = new FileIds(deps.envId);
  }

  now(): Date {
    return this.deps.clock.now();
  }

  uploadLink(cloudPath: string): { url: string; signature: string } {
    const expiresAt = this.expiry(UPLOAD_LINK_SECONDS);
    const signature = this.signer.sign('PUT', cloudPath, expiresAt);
    const encoded = cloudPath.split('/').map(encodeURIComponent).join('/');
    return { url: `${this.deps.baseUrl()}${UPLOAD_PATH}${encoded}?t=${expiresAt}&sign=${signature}`, signature };
  }

  /**
   * The path goes into the link as it is, as CloudBase's temporary URLs carry it: the SDK's downloadFile
   * runs `encodeURI` over the link, which would double an encoding done here.
   */
  downloadLink(cloudPath: string, maxAgeSeconds: number): string {
    const expiresAt = this.expiry(maxAgeSeconds);
    return `${this.deps.baseUrl()}${DOWNLOAD_PATH}${cloudPath}?t=${expiresAt}&sign=${this.signer.sign('GET', cloudPath, expiresAt)}`;
  }

  /** Undefined when the link's signature fits `method` and `cloudPath` and it has not expired. */
  checkLink(method: LinkMethod, cloudPath: string, query: URLSearchParams): LinkRefusal | undefined {
    const t = query.get('t') ?? '';
    const signature = query.get('sign') ?? '';
    if (!/^\d{1,15}$/.test(t) || !signature) {
      const message = 'the link lacks its t and sign parameters; links come from getUploadMetadata and getTempFileURL';
      return { status: 403, code: 'AccessDenied', message };
    }
    const expiresAt = Number(t);
    if (!this.signer.verify(method, cloudPath, expiresAt, signature)) {
      const use = method === 'PUT' ? 'upload' : 'download';
      const message = `the link's signature does not fit its ${use} of this path until t=${t}: it was altered, or made by a local cloud with another data folder`;
      return { status: 403, code: 'SignatureDoesNotMatch', message };
    }
    const now = this.deps.clock.now();
    if (now.getTime() > expiresAt * 1000) {
      const expired = new Date(expiresAt * 1000).toISOString();
      const message = `Request has expired: the link expired at ${expired} and the local clock says ${now.toISOString()}; get a new one`;
      return { status: 403, code: 'AccessDenied', message };
    }
    return undefined;
  }

  listing(prefix = ''): ListedFile[] {
    return this.files.list(prefix).map((file) => ({
      ...file,
      fileID: this.ids.of(file.cloudPath),
      contentType: contentTypeOf(file.cloudPath),
      tempFileURL: this.downloadLink(file.cloudPath, DEFAULT_MAX_AGE_SECONDS),
    }));
  }

  /**
   * Whole seconds, rounded up, so a link lives at least as long as asked. The clock cannot pass
   * CLOCK_MAX_MS, so a longer life changes nothing and would only make the number unwieldy.
   */
  private expiry(seconds: number): number {
    return Math.min(Math.ceil(this.deps.clock.now().getTime() / 1000) + seconds, CLOCK_MAX_MS / 1000);
  }
}
