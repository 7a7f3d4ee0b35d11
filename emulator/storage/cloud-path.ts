/**
 * Cloud paths and the file ids that name them, `cloud://<env>.<bucket>/<cloud path>` as in CloudBase.
 * The path rules are CloudBase's (not empty, no leading or doubled `/`, at most 850 bytes) plus what a
 * path must not hold to name exactly one file and come back unchanged from a link: CloudBase advises
 * against `%` and `#` and says `?` needs special handling; here they are refused outright, since a
 * download link carries the path as it is (the SDK runs `encodeURI` over it) and any of them would end
 * or alter the link's path.
 */
import { CloudError } from '../types';

/** CloudBase's limit for a cloud path ("编码长度最大为 850 个字节"), counted here in UTF-8 bytes. */
export const MAX_CLOUD_PATH_BYTES = 850;

const CONTROL = /[\u0000-\u001f\u007f]/;
const LINK_BREAKERS = /[?#%]/;
// A lone surrogate cannot be written as UTF-8, so no file or link could carry it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `cloudPath` cannot name a file, or undefined when it can. */
export function cloudPathProblem(cloudPath: unknown): string | undefined {
  if (typeof cloudPath !== 'string' || !cloudPath) return 'cloudPath must be a non-empty string';
  const quoted = JSON.stringify(cloudPath);
  if (Buffer.byteLength(cloudPath) > MAX_CLOUD_PATH_BYTES) {
    return `cloudPath is ${Buffer.byteLength(cloudPath)} bytes; CloudBase accepts at most ${MAX_CLOUD_PATH_BYTES}`;
  }
  if (cloudPath.startsWith('/')) return `cloudPath ${quoted} starts with /; write it relative to the bucket, e.g. "images/a.png"`;
  if (cloudPath.includes('\\')) return `cloudPath ${quoted} holds a backslash; separate folders with /`;
  if (CONTROL.test(cloudPath) || LONE_SURROGATE.test(cloudPath)) return `cloudPath ${quoted} holds a control character or broken text`;
  if (LINK_BREAKERS.test(cloudPath)) return `cloudPath ${quoted} holds ?, # or %, which a download link cannot carry unchanged`;
  for (const segment of cloudPath.split('/')) {
    if (!segment) return `cloudPath ${quoted} has an empty folder name (// or a trailing /)`;
    if (segment === '.' || segment === '..') return `cloudPath ${quoted} holds a . or .. segment; links would resolve it away`;
  }
  return undefined;
}

export function checkCloudPath(cloudPath: unknown): string {
  const problem = cloudPathProblem(cloudPath);
  if (problem) throw new CloudError('INVALID_PARAM', problem);
  return cloudPath as string;
}

/** The file ids of one environment's bucket. */
export class FileIds {
  private readonly prefix: string;

  constructor(envId: string) {
    // CloudBase's buckets look like `7465-env-1300000000`; a recognisably local name keeps ids from the
    // local cloud apart from real ones in a developer's data.
    this.prefix = `cloud://${envId}.${envId}-local/`;
  }

  of(cloudPath: string): string {
    return this.prefix + cloudPath;
  }

  /** The cloud path a file id names in this bucket; undefined for another bucket's id or a malformed one. */
  pathOf(fileId: unknown): string | undefined {
    if (typeof fileId !== 'string' || !fileId.startsWith(this.prefix)) return undefined;
    const cloudPath = fileId.slice(this.prefix.length);
    return cloudPathProblem(cloudPath) ? undefined : cloudPath;
  }
}
