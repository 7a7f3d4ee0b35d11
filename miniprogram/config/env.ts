/**
 * CloudBase environment the mini-program talks to. Deployers replace this placeholder with their
 * environment id (云开发控制台 → 环境 ID); it lives in one module so nothing else hard-codes it.
 */
export const CLOUD_ENV_ID = 'replace-with-your-env-id';
