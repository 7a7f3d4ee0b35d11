/** The HTTP contract without the SDK: odd requests the SDK never sends but a broken client might. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ClockLike } from '../types';
import { handleOpenApiRequest, isOpenApiRequest, Outbox, type OpenApiDeps } from './index';
import { decodeResponse, encodeRequestData } from './protocol';

const BOUNDARY = 'test-boundary-1234';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const clock: ClockLike = { now: () => new Date('2025-03-01T08:00:00Z'), offsetMs: () => 0 };

let dir: string;
let deps: OpenApiDeps;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-index-test-'));
  deps = { clock, appid: 'wx-local-appid', outbox: new Outbox(dir), appPages: [] };
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Builds a body shaped like the one form-data builds for the SDK: text fields, then an octet-stream part. */
function multipart(fields: Record<string, string>, requestData?: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (requestData) {
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="requestData"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      requestData,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

describe('isOpenApiRequest', () => {
  it('recognises multipart bodies only', () => {
    expect(isOpenApiRequest(CONTENT_TYPE)).toBe(true);
    expect(isOpenApiRequest('Multipart/Form-Data; boundary=x')).toBe(true);
    expect(isOpenApiRequest('application/json')).toBe(false);
    expect(isOpenApiRequest(undefined)).toBe(false);
  });
});

describe('handleOpenApiRequest', () => {
  it('keeps non-UTF-8 bytes of requestData intact', async () => {
    // A 200-character value makes protobuf lengths multi-byte varints: bytes that do not survive UTF-8 decoding.
    const requestData = encodeRequestData({ code: `phone:${'1'.repeat(20)}`, padding: 'p'.repeat(200) });
    expect(Buffer.from(requestData.toString('utf8')).equals(requestData)).toBe(false);
    const reply = await handleOpenApiRequest(
      multipart({ action: 'wx.openApi', apiName: 'phonenumber.getPhoneNumber' }, requestData),
      CONTENT_TYPE,
      deps,
    );
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/octet-stream');
    const resp = decodeResponse(reply.body);
    expect(resp.errorCode).toBe(0);
    expect(resp.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(resp.respData.toString())).toMatchObject({ errcode: 0, phone_info: { phoneNumber: '1'.repeat(20) } });
  });

  it('answers a CloudBase JSON error for actions it does not emulate', async () => {
    const reply = await handleOpenApiRequest(
      multipart({ action: 'wx.wxPayApi', apiName: 'cloudPay.unifiedOrder' }, encodeRequestData({})),
      CONTENT_TYPE,
      deps,
    );
    // Exactly this content type makes node-sdk parse the body and throw the code (-501007).
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body.toString())).toEqual({
      code: 'INVALID_PARAM',
      message: 'the local cloud does not emulate action wx.wxPayApi over multipart',
    });
  });

  it('answers a CloudBase JSON error when requestData is missing or not protobuf', async () => {
    const missing = await handleOpenApiRequest(multipart({ action: 'wx.openApi', apiName: 'x.y' }), CONTENT_TYPE, deps);
    expect(JSON.parse(missing.body.toString())).toMatchObject({ code: 'INVALID_PARAM' });
    const garbage = await handleOpenApiRequest(
      multipart({ action: 'wx.openApi', apiName: 'x.y' }, Buffer.from([0x0a, 0xff, 0xff])),
      CONTENT_TYPE,
      deps,
    );
    expect(JSON.parse(garbage.body.toString())).toMatchObject({ code: 'INVALID_PARAM' });
  });

  it('answers a CloudBase JSON error for a body that is not multipart', async () => {
    const reply = await handleOpenApiRequest(Buffer.from('{}'), 'application/json', deps);
    expect(JSON.parse(reply.body.toString())).toMatchObject({ code: 'INVALID_PARAM' });
  });
});
