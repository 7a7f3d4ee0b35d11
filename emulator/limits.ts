/**
 * What the local cloud accepts per request. Bodies are counted while they arrive and refused the moment
 * they pass their endpoint's limit, so an oversized upload costs neither memory nor a function instance.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CloudError } from './types';

const KB = 1024;
const MB = 1024 * KB;

/** CloudBase's limit for a function call's event (同步调用请求体 6 MB), for /invoke and callFunction alike. */
export const FUNCTION_EVENT_BYTES = 6 * MB;
/** The local cloud's own choice for `/admin`: a 16 MB document (Mongo's limit) plus the request around it. */
export const ADMIN_BODY_BYTES = 16 * MB;
/**
 * The local cloud's own choice for a file uploaded through a storage link: the body is held in memory
 * before it is stored, so it is capped well below what COS takes (a single PUT of up to 5 GB).
 */
export const STORAGE_UPLOAD_BYTES = 20 * MB;
/** /clock, /outbox/*, /trigger and the GET routes carry a few bytes of JSON at most. */
export const SMALL_BODY_BYTES = 64 * KB;
/**
 * How deep function event data may nest (the data object itself is level 1). Structured clone and JSON
 * handling recurse, so thousands of levels overflow a stack; nothing legitimate comes close to 100.
 */
export const MAX_EVENT_DEPTH = 100;

/** An error with its HTTP status, answered as `{error: {code, message}}`. */
export class HttpError extends CloudError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

export function bodyLimit(method: string | undefined, pathname: string): number {
  if (method === 'POST' && pathname === '/admin') return ADMIN_BODY_BYTES;
  if (method === 'POST' && pathname.startsWith('/invoke/')) return FUNCTION_EVENT_BYTES;
  if (method === 'PUT' && pathname.startsWith('/storage/upload/')) return STORAGE_UPLOAD_BYTES;
  return SMALL_BODY_BYTES;
}

export function describeBytes(bytes: number): string {
  return bytes >= MB ? `${+(bytes / MB).toFixed(1)} MB` : `${+(bytes / KB).toFixed(1)} KB`;
}

function tooLarge(pathname: string, limit: number, size: string): HttpError {
  return new HttpError(413, 'REQUEST_TOO_LARGE', `the body of ${pathname} is ${size}; this endpoint accepts at most ${describeBytes(limit)}`);
}

/**
 * Reads a request body of at most `limit` bytes. A declared Content-Length past it is refused before
 * reading; a streamed body stops being read as soon as it passes it (the caller answers and closes).
 */
export function readBody(req: IncomingMessage, pathname: string, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) return Promise.reject(tooLarge(pathname, limit, describeBytes(declared)));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(tooLarge(pathname, limit, `more than ${describeBytes(limit)}`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * The deepest nesting of arrays and objects in a JSON text, by one scan of its characters: no recursion,
 * so no depth can overflow the check itself. Text inside strings is skipped.
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** Refuses event data nested past MAX_EVENT_DEPTH; `envelope` is how many levels wrap the data in `text`. */
export function checkEventDepth(text: string, envelope: number): void {
  const depth = jsonDepth(text) - envelope;
  if (depth > MAX_EVENT_DEPTH) {
    throw new HttpError(400, 'INVALID_PARAM', `event data nests ${depth} levels deep; the local cloud accepts at most ${MAX_EVENT_DEPTH} levels`);
  }
}

/**
 * After an early refusal, how long and how much of the unread body is still read and dropped. The bytes
 * must exceed what socket buffers hold in flight (several MB on loopback), or a fast uploader is reset
 * before its client has even seen the answer.
 */
const LINGER_MS = 2000;
const LINGER_BYTES = 16 * MB;

/**
 * Closes the connection of a request whose body was refused unread. Closing at once would reset a
 * client that is still uploading before it reads the answer (EPIPE instead of 413), so, like nginx's
 * lingering close, the answer is sent with `Connection: close`, our side shut, and what still arrives is dropped — for at most
 * LINGER_MS and LINGER_BYTES — until the client stops; then the socket is destroyed.
 */
export function closeAfterRefusal(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  let dropped = 0;
  const close = () => {
    clearTimeout(timer);
    socket.destroy();
  };
  // Never before the answer is out: that would turn the refusal into a reset.
  const closeWhenAnswered = () => (res.writableFinished ? close() : res.once('finish', close));
  const timer = setTimeout(close, LINGER_MS);
  timer.unref();
  // Listening marks the body as consumed, so Node does not drain all of it by itself after the answer.
  req.pause();
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) closeWhenAnswered();
  });
  req.once('end', closeWhenAnswered);
  socket.once('close', () => clearTimeout(timer));
  // Tells the client not to reuse the connection. Node then destroys the socket as soon as the answer is
  // written (destroySoon); for this one socket, shutting our side is enough — the linger closes it.
  res.setHeader('connection', 'close');
  Object.assign(socket, { destroySoon: () => socket.end() });
  res.once('finish', () => req.resume());
}
