/**
 * The upload and download links, answered as COS answers them: an upload gets 200 with an empty body, and
 * every refusal an XML `<Error>`, the only failure node-sdk's uploadFile recognises (it never looks at the
 * status code, so a refusal with any other body would pass for a success).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import type { HttpError } from '../limits';
import { cloudPathProblem } from './cloud-path';
import type { CloudStorage, LinkRefusal } from './cloud-storage';
import { contentTypeOf } from './content-type';

export const UPLOAD_PATH = '/storage/upload/';
export const DOWNLOAD_PATH = '/storage/files/';

export function isStorageLink(pathname: string): boolean {
  return pathname.startsWith(UPLOAD_PATH) || pathname.startsWith(DOWNLOAD_PATH);
}

/** Answers a request to `url`, which isStorageLink accepted; `body` is the whole request body. */
export async function answerStorageLink(storage: CloudStorage, req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): Promise<void> {
  const upload = url.pathname.startsWith(UPLOAD_PATH);
  const method = req.method ?? '';
  const allowed = upload ? ['PUT'] : ['GET', 'HEAD'];
  const resource = url.pathname;
  if (!allowed.includes(method)) {
    res.setHeader('allow', allowed.join(', '));
    const message = `${method} is not allowed on ${upload ? 'an upload' : 'a download'} link`;
    return cosError(res, { status: 405, code: 'MethodNotAllowed', message }, resource);
  }
  let cloudPath: string;
  try {
    cloudPath = decodeURIComponent(url.pathname.slice((upload ? UPLOAD_PATH : DOWNLOAD_PATH).length));
  } catch {
    return cosError(res, { status: 400, code: 'InvalidURI', message: 'the link path is not valid percent-encoded UTF-8' }, resource);
  }
  const problem = cloudPathProblem(cloudPath);
  if (problem) return cosError(res, { status: 400, code: 'InvalidURI', message: problem }, resource);
  const refusal = storage.checkLink(upload ? 'PUT' : 'GET', cloudPath, url.searchParams);
  if (refusal) return cosError(res, refusal, resource);

  if (upload) {
    try {
      storage.files.write(cloudPath, body, storage.now());
    } catch (error) {
      const message = `the local cloud could not store ${cloudPath}: ${(error as Error).message}`;
      return cosError(res, { status: 500, code: 'InternalError', message }, resource);
    }
    res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"`, 'content-length': 0 });
    res.end();
    return;
  }
  const file = storage.files.stat(cloudPath);
  const content = file && (await storage.files.read(cloudPath));
  if (!file || !content) return cosError(res, { status: 404, code: 'NoSuchKey', message: `no file ${cloudPath}: it was deleted or never uploaded` }, resource);
  res.writeHead(200, {
    'content-type': contentTypeOf(cloudPath),
    'content-length': content.length,
    'last-modified': new Date(file.uploadedAt).toUTCString(),
  });
  res.end(method === 'HEAD' ? undefined : content);
}

/** A refusal of a link request made before it reached answerStorageLink (too large, or not let in). */
export function storageLinkError(res: ServerResponse, error: HttpError, pathname: string): void {
  cosError(res, { status: error.status, code: error.code, message: error.message }, pathname);
}

function cosError(res: ServerResponse, refusal: LinkRefusal, resource: string): void {
  const requestId = randomUUID();
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n` +
    `  <Code>${escapeXml(refusal.code)}</Code>\n` +
    `  <Message>${escapeXml(refusal.message)}</Message>\n` +
    `  <Resource>${escapeXml(resource)}</Resource>\n` +
    `  <RequestId>${requestId}</RequestId>\n` +
    `  <TraceId>${requestId}</TraceId>\n</Error>\n`;
  res.writeHead(refusal.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
