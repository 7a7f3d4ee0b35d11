/**
 * The `storage.*` actions node-sdk posts to `/admin` (see its dist/storage/index.js), answered with the
 * fields it reads. Per-file failures are entries with a code from wx-server-sdk's TCB_ERR_CODE table, which
 * the SDK turns into a non-zero `status`, not a thrown error.
 */
import { randomUUID } from 'node:crypto';
import { CloudError } from '../types';
import { checkCloudPath } from './cloud-path';
import type { CloudStorage } from './cloud-storage';

export interface StorageParams {
  action: string;
  path?: unknown;
  method?: unknown;
  file_list?: unknown;
  fileid_list?: unknown;
}

/** getTempFileURL and deleteFile take at most 50 files a call in CloudBase. */
export const MAX_FILES_PER_CALL = 50;
/** A temporary URL's life when the caller names none (CloudBase's default: one day). */
export const DEFAULT_MAX_AGE_SECONDS = 86_400;

/** Runs one `storage.*` action and returns the reply's `data`. */
export function runStorageAction(storage: CloudStorage, params: StorageParams): Record<string, unknown> {
  switch (params.action) {
    case 'storage.getUploadMetadata':
      return uploadMetadata(storage, params);
    case 'storage.batchGetDownloadUrl':
      return { download_list: downloadUrls(storage, params.file_list) };
    case 'storage.batchDeleteFile':
      return { delete_list: deleteFiles(storage, params.fileid_list) };
    default:
      throw new CloudError('INVALID_ACTION', `the local cloud does not implement ${params.action}`);
  }
}

function uploadMetadata(storage: CloudStorage, params: StorageParams) {
  // Older SDKs upload by a form POST to COS, which the local cloud does not take.
  if (params.method !== 'put') {
    const given = JSON.stringify(params.method);
    throw new CloudError('INVALID_PARAM', `the local cloud takes uploads by PUT (method "put", as wx-server-sdk 4 sends), not ${given}`);
  }
  const cloudPath = checkCloudPath(params.path);
  const { url, signature } = storage.uploadLink(cloudPath);
  return {
    url,
    // The link carries its own signature; these go back as headers COS would check, and are not needed here.
    token: 'local-cloud',
    authorization: signature,
    fileId: storage.ids.of(cloudPath),
    cosFileId: randomUUID(),
  };
}

function downloadUrls(storage: CloudStorage, fileList: unknown) {
  const entries = checkList(fileList, 'file_list').map((entry) => {
    const file = (typeof entry === 'object' && entry !== null ? entry : {}) as { fileid?: unknown; max_age?: unknown };
    if (typeof file.fileid !== 'string' || !file.fileid) throw new CloudError('INVALID_PARAM', 'each file_list entry needs a fileid string');
    const maxAge = file.max_age === undefined || file.max_age === null ? DEFAULT_MAX_AGE_SECONDS : Number(file.max_age);
    if (!Number.isSafeInteger(maxAge) || maxAge <= 0) {
      throw new CloudError('INVALID_PARAM', `maxAge of ${file.fileid} must be a whole number of seconds above 0, not ${JSON.stringify(file.max_age)}`);
    }
    return { fileID: file.fileid, maxAge };
  });
  return entries.map(({ fileID, maxAge }) => {
    const cloudPath = storage.ids.pathOf(fileID);
    if (cloudPath === undefined || !storage.files.stat(cloudPath)) return { fileID, tempFileURL: '', maxAge, ...missing(storage, fileID, cloudPath) };
    return { fileID, tempFileURL: storage.downloadLink(cloudPath, maxAge), code: 'SUCCESS', maxAge };
  });
}

function deleteFiles(storage: CloudStorage, fileIds: unknown) {
  const ids = checkList(fileIds, 'fileid_list');
  if (ids.some((id) => typeof id !== 'string' || !id)) throw new CloudError('INVALID_PARAM', 'fileid_list must hold file id strings');
  return (ids as string[]).map((fileID) => {
    const cloudPath = storage.ids.pathOf(fileID);
    if (cloudPath === undefined || !storage.files.delete(cloudPath)) return { fileID, ...missing(storage, fileID, cloudPath) };
    return { fileID, code: 'SUCCESS' };
  });
}

function checkList(list: unknown, name: string): unknown[] {
  if (!Array.isArray(list)) throw new CloudError('INVALID_PARAM', `${name} must be a list`);
  if (list.length > MAX_FILES_PER_CALL) {
    throw new CloudError('INVALID_PARAM', `${name} names ${list.length} files; CloudBase takes at most ${MAX_FILES_PER_CALL} a call`);
  }
  return list;
}

function missing(storage: CloudStorage, fileID: string, cloudPath: string | undefined) {
  const message =
    cloudPath === undefined
      ? `${fileID} is not a file id of this local cloud (they start ${storage.ids.of('')})`
      : `no file ${cloudPath} in this local cloud's storage`;
  return { code: 'STORAGE_FILE_NONEXIST', message };
}
