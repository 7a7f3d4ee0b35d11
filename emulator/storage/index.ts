/**
 * Cloud storage of the local cloud: files uploaded with `cloud.uploadFile`, handed out through signed
 * links that expire on the local clock, so code that keeps a temporary URL too long fails here as it
 * would in CloudBase. `/admin` gives out the links (actions.ts); links.ts answers them as COS would.
 */
export { runStorageAction, type StorageParams } from './actions';
export { CloudStorage, UPLOAD_LINK_SECONDS, type ListedFile } from './cloud-storage';
export { answerStorageLink, isStorageLink, storageLinkError } from './links';
