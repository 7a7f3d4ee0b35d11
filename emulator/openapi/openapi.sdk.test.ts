/**
 * End to end through the real wx-server-sdk: a tiny HTTP server routes its multipart POSTs to
 * handleOpenApiRequest, so these tests prove the wire format, not just the handlers.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { ClockLike, InvocationContext } from '../types';
import { handleOpenApiRequest, isOpenApiRequest, Outbox, type OpenApiDeps, WXACODE_URL_PREFIX } from './index';

interface SdkError {
  errCode: number;
  errMsg: string;
}

// The SDK has no type declarations worth importing here; only openapi is used.
type OpenApiFn = (data: Record<string, unknown>) => Promise<Record<string, unknown>>;
interface Cloud {
  init(options: Record<string, unknown>): void;
  openapi: Record<string, Record<string, OpenApiFn>> & ((options: Record<string, unknown>) => Record<string, Record<string, OpenApiFn>>);
}

const NOW = new Date('2025-03-01T08:00:00.000Z');
const clock: ClockLike = { now: () => new Date(NOW), offsetMs: () => 0 };
const APP_PAGES = ['pages/member-home/member-home', 'pages/checkin/checkin'];

let server: http.Server;
let cloud: Cloud;
let dataDir: string;
let deps: OpenApiDeps;
const seenContentTypes: string[] = [];

function invocation(overrides: Partial<InvocationContext> = {}): InvocationContext {
  return {
    id: 'inv-1',
    functionName: 'notify',
    openid: 'o-caller',
    appid: 'wx-invocation-appid',
    unionid: '',
    source: 'wx_server',
    openapiPermissions: ['subscribeMessage.send', 'wxacode.getUnlimited', 'phonenumber.getPhoneNumber'],
    startedAt: NOW.getTime(),
    requests: {},
    ...overrides,
  };
}

async function expectSdkError(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (e) {
    return e as SdkError;
  }
  throw new Error('expected the SDK call to throw');
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const contentType = req.headers['content-type'];
      if (req.method !== 'POST' || !req.url?.startsWith('/admin') || !isOpenApiRequest(contentType)) {
        res.writeHead(404).end();
        return;
      }
      seenContentTypes.push(contentType ?? '');
      handleOpenApiRequest(Buffer.concat(chunks), contentType ?? '', deps).then(
        (reply) => res.writeHead(reply.status, reply.headers).end(reply.body),
        (err: Error) => res.writeHead(500).end(err.message),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` }),
    TENCENTCLOUD_SECRETID: 'x',
    TENCENTCLOUD_SECRETKEY: 'x',
    TENCENTCLOUD: 'true',
    SILENCE: 'true',
    TCB_ENV: 'local',
    SCF_NAMESPACE: 'local',
  });
  // Required only now: the SDK must see the variables above.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: 'local' });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-test-'));
  deps = { clock, appid: 'wx-local-appid', outbox: new Outbox(dataDir), appPages: APP_PAGES };
});

afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('wire format', () => {
  it('receives multipart requests from the SDK', async () => {
    seenContentTypes.length = 0;
    await cloud.openapi.phonenumber.getPhoneNumber({ code: 'phone:13800138000' });
    expect(seenContentTypes).toHaveLength(1);
    expect(seenContentTypes[0]).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('answers an unsupported api with errCode -604100 and a clear message', async () => {
    const err = await expectSdkError(cloud.openapi.security.msgSecCheck({ content: 'hi' }));
    expect(err.errCode).toBe(-604100);
    expect(err.errMsg).toContain('openapi.security.msgSecCheck:fail api security.msgSecCheck is not supported by the local cloud');
  });
});

describe('subscribeMessage.send', () => {
  const message = {
    touser: 'o-member-1',
    templateId: 'TPL_POINTS',
    page: 'pages/member-home/member-home?from=msg',
    data: { thing1: { value: '积分到账' }, number2: { value: '120' }, phrase3: { value: '已到账' } },
    miniprogramState: 'developer',
    lang: 'zh_CN',
  };

  it('records the message and answers msgid', async () => {
    const result = await cloud.openapi.subscribeMessage.send(message);
    expect(result.errCode).toBe(0);
    expect(result.errMsg).toBe('openapi.subscribeMessage.send:ok');
    // Like WeChat's, the msgid is a 19-digit integer, which the SDK's json-bigint + case conversion hands
    // over as bignumber.js internals {s, e, c} (c: base-1e14 chunks), exactly as in production.
    const big = result.msgid as { s: number; e: number; c: number[] };
    expect(big).toMatchObject({ s: 1, e: 18 });
    const msgid = big.c.map((chunk, i) => (i === 0 ? String(chunk) : String(chunk).padStart(14, '0'))).join('');
    expect(msgid).toMatch(/^\d{19}$/);
    const sent = deps.outbox.list({ touser: 'o-member-1' });
    expect(sent).toEqual([
      {
        id: msgid,
        touser: 'o-member-1',
        templateId: 'TPL_POINTS',
        page: 'pages/member-home/member-home?from=msg',
        data: message.data,
        miniprogramState: 'developer',
        lang: 'zh_CN',
        sentAt: NOW.toISOString(),
      },
    ]);
    // Written to disk before the SDK got its answer: a restarted cloud still has it.
    expect(new Outbox(dataDir).list()).toEqual(sent);
  });

  it('names the sending function when the invocation is known', async () => {
    deps.invocation = invocation({ functionName: 'pointsNotifier' });
    await cloud.openapi.subscribeMessage.send(message);
    expect(deps.outbox.list()[0]?.functionName).toBe('pointsNotifier');
  });

  it('throws 43101 when the user refused, and records nothing', async () => {
    deps.outbox.refuse('o-member-1');
    const err = await expectSdkError(cloud.openapi.subscribeMessage.send(message));
    expect(err.errCode).toBe(43101);
    expect(err.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail user refuse to accept the msg rid: \w{8}-\w{8}-\w{8}$/);
    expect(deps.outbox.list()).toEqual([]);
  });

  it('fails twice with -1 as injected, then sends, logging every attempt before answering', async () => {
    deps.outbox.failNext('o-member-1', 2);
    for (let i = 0; i < 2; i++) {
      const err = await expectSdkError(cloud.openapi.subscribeMessage.send(message));
      expect(err.errCode).toBe(-1);
      expect(err.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail system error rid: \w{8}-\w{8}-\w{8}$/);
      expect(deps.outbox.list()).toEqual([]);
    }
    await expect(cloud.openapi.subscribeMessage.send(message)).resolves.toMatchObject({ errCode: 0 });
    const [sent] = deps.outbox.list();
    const attempt = { touser: 'o-member-1', templateId: 'TPL_POINTS', at: NOW.toISOString() };
    const expected = [
      { ...attempt, errcode: -1 },
      { ...attempt, errcode: -1 },
      { ...attempt, errcode: 0, msgid: sent?.id },
    ];
    expect(deps.outbox.attempts({ touser: 'o-member-1' })).toEqual(expected);
    expect(new Outbox(dataDir).attempts()).toEqual(expected);
  });

  it('counts injected failures per user across templates, before a refusal, with 45009 when asked', async () => {
    deps.outbox.failNext('o-member-1', 1, 45009);
    deps.outbox.refuse('o-member-1', 'TPL_POINTS');
    const quota = await expectSdkError(cloud.openapi.subscribeMessage.send({ ...message, templateId: 'TPL_OTHER' }));
    expect(quota.errCode).toBe(45009);
    expect(quota.errMsg).toContain('openapi.subscribeMessage.send:fail reach max api daily quota limit rid: ');
    expect((await expectSdkError(cloud.openapi.subscribeMessage.send(message))).errCode).toBe(43101);
    await expect(cloud.openapi.subscribeMessage.send({ ...message, touser: 'o-member-2' })).resolves.toMatchObject({ errCode: 0 });
    expect(deps.outbox.attempts().map((a) => [a.touser, a.templateId, a.errcode])).toEqual([
      ['o-member-1', 'TPL_OTHER', 45009],
      ['o-member-1', 'TPL_POINTS', 43101],
      ['o-member-2', 'TPL_POINTS', 0],
    ]);
  });

  it('neither logs nor uses up an injected failure for a send that fails the argument checks', async () => {
    deps.outbox.failNext('o-member-1', 1);
    const err = await expectSdkError(cloud.openapi.subscribeMessage.send({ ...message, data: { thing1: { value: '' } } }));
    expect(err.errCode).toBe(47003);
    expect(deps.outbox.attempts()).toEqual([]);
    expect((await expectSdkError(cloud.openapi.subscribeMessage.send(message))).errCode).toBe(-1);
  });

  it('refuses only the template the user refused', async () => {
    deps.outbox.refuse('o-member-1', 'TPL_OTHER');
    await expect(cloud.openapi.subscribeMessage.send(message)).resolves.toMatchObject({ errCode: 0 });
    const err = await expectSdkError(cloud.openapi.subscribeMessage.send({ ...message, templateId: 'TPL_OTHER' }));
    expect(err.errCode).toBe(43101);
    deps.outbox.allow('o-member-1', 'TPL_OTHER');
    await expect(cloud.openapi.subscribeMessage.send({ ...message, templateId: 'TPL_OTHER' })).resolves.toMatchObject({ errCode: 0 });
  });

  it.each([
    ['missing touser', { touser: undefined }, 40003, 'invalid openid'],
    ['missing template id', { templateId: '' }, 40037, 'invalid template_id'],
    ['unknown page', { page: 'pages/nope/nope' }, 41030, 'invalid page'],
    ['thing over 20 characters', { data: { thing1: { value: '这是一段超过二十个字符的很长很长的积分到账提醒文字' } } }, 47003, 'argument invalid! data.thing1.value invalid'],
    ['phrase over 5 characters', { data: { phrase3: { value: '积分已经到账了' } } }, 47003, 'argument invalid! data.phrase3.value invalid'],
    ['empty value', { data: { thing1: { value: '' } } }, 47003, 'argument invalid! data.thing1.value is empty'],
    ['Chinese in character_string', { data: { character_string4: { value: '单号一' } } }, 47003, 'argument invalid! data.character_string4.value invalid'],
    ['full-width range in time', { data: { time5: { value: '10:00～12:00' } } }, 47003, 'argument invalid! data.time5.value invalid'],
  ])('rejects %s', async (_name, change, errCode, errMsg) => {
    const err = await expectSdkError(cloud.openapi.subscribeMessage.send({ ...message, ...change }));
    expect(err.errCode).toBe(errCode);
    expect(err.errMsg).toContain(`openapi.subscribeMessage.send:fail ${errMsg}`);
    expect(deps.outbox.list()).toEqual([]);
  });

  it('accepts values at the limits', async () => {
    const data = {
      thing1: { value: '二十个字符二十个字符二十个字符二十个字符' },
      number2: { value: '1'.repeat(32) },
      character_string3: { value: 'A'.repeat(32) },
      phrase4: { value: '五个汉字呀' },
      name5: { value: '十个汉字的名字十个字' },
      time6: { value: '2025年3月1日 10:00 ~ 2025年3月1日 12:00' },
      date7: { value: '2025-03-01' },
      amount8: { value: '¥12.50' },
    };
    await expect(cloud.openapi.subscribeMessage.send({ ...message, data })).resolves.toMatchObject({ errCode: 0 });
  });
});

describe('wxacode.getUnlimited', () => {
  function decodeQr(buffer: Buffer): { width: number; height: number; text: string | undefined } {
    const png = PNG.sync.read(buffer);
    const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    return { width: png.width, height: png.height, text: qr?.data };
  }

  it('returns a PNG whose QR code carries page and scene', async () => {
    const result = await cloud.openapi.wxacode.getUnlimited({
      scene: 'm=42&s=7',
      page: 'pages/checkin/checkin',
      width: 430,
    });
    expect(result.errCode).toBe(0);
    expect(result.contentType).toBe('image/png');
    const buffer = result.buffer as Buffer;
    expect(Buffer.isBuffer(buffer)).toBe(true);
    expect(buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const qr = decodeQr(buffer);
    expect(qr.width).toBe(430);
    expect(qr.height).toBe(430);
    const url = new URL(qr.text ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(WXACODE_URL_PREFIX);
    expect(url.searchParams.get('page')).toBe('pages/checkin/checkin');
    expect(url.searchParams.get('scene')).toBe('m=42&s=7');
    expect(url.searchParams.get('env_version')).toBe('release');
  });

  it('defaults to the home page and clamps the width', async () => {
    const result = await cloud.openapi.wxacode.getUnlimited({ scene: 'abc', width: 100 });
    const qr = decodeQr(result.buffer as Buffer);
    expect(qr.width).toBe(280);
    expect(new URL(qr.text ?? '').searchParams.get('page')).toBe('pages/member-home/member-home');
  });

  it('accepts any page when check_path is false', async () => {
    const result = await cloud.openapi.wxacode.getUnlimited({ scene: 'x', page: 'pages/unreleased/unreleased', checkPath: false });
    expect(new URL(decodeQr(result.buffer as Buffer).text ?? '').searchParams.get('page')).toBe('pages/unreleased/unreleased');
  });

  it.each([
    ['a scene over 32 characters', { scene: 'a'.repeat(33) }, 40169, 'invalid length for scene'],
    ['an empty scene', { scene: '' }, 40169, 'invalid length for scene'],
    ['a scene outside the charset', { scene: 'id=1%20' }, 40129, 'invalid scene'],
    ['a Chinese scene', { scene: '会员' }, 40129, 'invalid scene'],
    ['a page not in app.json', { scene: 'a', page: 'pages/nope/nope' }, 41030, 'invalid page'],
    ['a page with a query', { scene: 'a', page: 'pages/checkin/checkin?id=1' }, 41030, 'invalid page'],
    ['an unknown env_version', { scene: 'a', envVersion: 'beta' }, 40097, 'invalid args'],
  ])('rejects %s', async (_name, args, errCode, errMsg) => {
    const err = await expectSdkError(cloud.openapi.wxacode.getUnlimited(args));
    expect(err.errCode).toBe(errCode);
    expect(err.errMsg).toContain(`openapi.wxacode.getUnlimited:fail ${errMsg}`);
  });

  it('accepts a 32-character scene using every allowed symbol', async () => {
    const scene = "!#$&'()*+,/:;=?@-._~0123456789aZ";
    expect(scene).toHaveLength(32);
    const result = await cloud.openapi.wxacode.getUnlimited({ scene });
    expect(new URL(decodeQr(result.buffer as Buffer).text ?? '').searchParams.get('scene')).toBe(scene);
  });
});

describe('phonenumber.getPhoneNumber', () => {
  it('maps phone:<digits> to that number, with a watermark from the clock', async () => {
    const result = await cloud.openapi.phonenumber.getPhoneNumber({ code: 'phone:13912345678' });
    expect(result).toEqual({
      phoneInfo: {
        phoneNumber: '13912345678',
        purePhoneNumber: '13912345678',
        countryCode: '86',
        watermark: { timestamp: NOW.getTime() / 1000, appid: 'wx-local-appid' },
      },
      errCode: 0,
      errMsg: 'openapi.phonenumber.getPhoneNumber:ok',
    });
  });

  it('knows the demo codes and uses the invocation app id', async () => {
    deps.invocation = invocation();
    const result = await cloud.openapi.phonenumber.getPhoneNumber({ code: 'demo:member' });
    expect(result.phoneInfo).toMatchObject({ phoneNumber: '13800138000', watermark: { appid: 'wx-invocation-appid' } });
  });

  it('throws 40029 for any other code', async () => {
    const err = await expectSdkError(cloud.openapi.phonenumber.getPhoneNumber({ code: 'real-wechat-code' }));
    expect(err.errCode).toBe(40029);
    expect(err.errMsg).toContain('openapi.phonenumber.getPhoneNumber:fail invalid code');
  });
});

describe('permissions', () => {
  it('throws -604101 when the function lacks the api in config.json', async () => {
    deps.invocation = invocation({ openapiPermissions: ['wxacode.getUnlimited'] });
    const err = await expectSdkError(cloud.openapi.subscribeMessage.send({ touser: 'o', templateId: 't', data: { thing1: { value: 'x' } } }));
    expect(err.errCode).toBe(-604101);
    expect(err.errMsg).toContain('system error: error code: -604101');
    expect(deps.outbox.list()).toEqual([]);
    await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'a' })).resolves.toMatchObject({ errCode: 0 });
  });

  it('finds the invocation from the WX_API_TOKEN the SDK sends', async () => {
    const tokens: string[] = [];
    deps.resolveInvocation = (token) => {
      tokens.push(token);
      return invocation({ openapiPermissions: [] });
    };
    // The SDK reads WX_API_TOKEN only when WX_CONTEXT_KEYS lists it, as the cloud's runtime sets it.
    process.env.WX_CONTEXT_KEYS = 'WX_API_TOKEN';
    process.env.WX_API_TOKEN = 'token-of-invocation-7';
    try {
      const err = await expectSdkError(cloud.openapi.phonenumber.getPhoneNumber({ code: 'demo:member' }));
      expect(err.errCode).toBe(-604101);
      expect(tokens).toEqual(['token-of-invocation-7']);
    } finally {
      delete process.env.WX_CONTEXT_KEYS;
      delete process.env.WX_API_TOKEN;
    }
  });
});
