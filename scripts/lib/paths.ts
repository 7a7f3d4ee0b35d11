import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const MINIPROGRAM_ROOT = path.join(REPO_ROOT, 'miniprogram');
export const SHARED_ROOT = path.join(REPO_ROOT, 'shared');
export const SHARED_COPY_ROOT = path.join(MINIPROGRAM_ROOT, 'shared');
export const MINIPROGRAM_NPM_ROOT = path.join(MINIPROGRAM_ROOT, 'miniprogram_npm');
