/**
 * Cloud storage through the real wx-server-sdk: uploadFile, getTempFileURL, downloadFile and deleteFile,
 * and the links they hand out fetched over HTTP — signed, expiring on the local clock, refused in COS's XML.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildFunctions } from '../../scripts/lib/build-functions';
import { connectSdk, startTestCloud, type TestCloud } from '../testing';

const FUNCTIONS = path.join(__dirname, '../test/functions');
const SCHEMA = path.join(__dirname, '../test/schema.json');
const MB = 1024 * 1024;
/** TCB_ERR_CODE.STORAGE_FILE_NONEXIST in wx-server-sdk. */
const FILE_NONEXIST = -503003;

type SdkError = { errCode: number; errMsg: string };
type TempUrl = { fileID: string; tempFileURL: string; maxAge: number; status: number; errMsg: string };
type Deleted = { fileID: string; status: number; errMsg: string };

let cloud: TestCloud;
let sdk: ReturnType<typeof connectSdk>;

jest.setTimeout(30_000);

beforeAll(async () => {
  await buildFunctions(FUNCTIONS);
  cloud = await startTestCloud({ functionsRoot: FUNCTIONS, schemaFile: SCHEMA });
  sdk = connectSdk(cloud.adminUrl);
});

afterAll(async () => {
  await cloud.stop();
  // The 20 MB upload would otherwise stay behind in the temporary folder after every run.
  fs.rmSync(cloud.dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  await cloud.client.resetClock();
});

async function upload(cloudPath: string, content: Buffer): Promise<string> {
  return (await sdk.uploadFile({ cloudPath, fileContent: content })).fileID;
}

async function tempUrls(fileList: Array<string | { fileID: string; maxAge: number }>): Promise<TempUrl[]> {
  return ((await sdk.getTempFileURL({ fileList })) as { fileList: TempUrl[] }).fileList;
}

async function deleteFiles(fileList: string[]): Promise<Deleted[]> {
  return ((await sdk.deleteFile({ fileList })) as { fileList: Deleted[] }).fileList;
}

async function sdkError(call: Promise<unknown>): Promise<SdkError> {
  return call.then(
    () => {
      throw new Error('expected the SDK call to fail');
    },
    (error: SdkError) => error,
  );
}

async function xmlError(res: Response): Promise<{ code: string; message: string }> {
  const text = await res.text();
  return { code: /<Code>(.*)<\/Code>/.exec(text)?.[1] ?? '', message: /<Message>(.*)<\/Message>/.exec(text)?.[1] ?? '' };
}

function withSign(url: string, change: (sign: string) => string): string {
  const link = new URL(url);
  link.searchParams.set('sign', change(link.searchParams.get('sign') ?? ''));
  return link.toString();
}

async function adminAction(params: Record<string, unknown>): Promise<{ data?: Record<string, string>; code?: string; message?: string }> {
  const res = await fetch(cloud.adminUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(params) });
  return (await res.json()) as { data?: Record<string, string>; code?: string; message?: string };
}

test('an uploaded Buffer comes back byte for byte from its temporary URL, typed by its extension', async () => {
  const bytes = Buffer.from(Array.from({ length: 256 }, (_u, i) => i));
  const fileID = await upload('reports/图表 1.png', bytes);
  expect(fileID).toBe('cloud://local.local-local/reports/图表 1.png');

  const [entry] = await tempUrls([fileID]);
  expect(entry).toMatchObject({ fileID, status: 0, errMsg: 'ok', maxAge: 86_400 });
  expect(entry.tempFileURL.startsWith(`${cloud.url}/storage/files/reports/图表 1.png?`)).toBe(true);
  const res = await fetch(entry.tempFileURL);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  // The SDK's own download runs encodeURI over the link first.
  expect((await sdk.downloadFile({ fileID })).fileContent.equals(bytes)).toBe(true);
  const head = await fetch(entry.tempFileURL, { method: 'HEAD' });
  expect(head.headers.get('content-length')).toBe('256');

  const jsonId = await upload('exports/data.json', Buffer.from('{"a":1}'));
  const jsonRes = await fetch((await tempUrls([jsonId]))[0].tempFileURL);
  expect(jsonRes.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(await jsonRes.json()).toEqual({ a: 1 });
});

test('uploading to the same path again replaces the file', async () => {
  const fileID = await upload('notes/today.txt', Buffer.from('first'));
  expect(await upload('notes/today.txt', Buffer.from('second, longer'))).toBe(fileID);
  const res = await fetch((await tempUrls([fileID]))[0].tempFileURL);
  expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(await res.text()).toBe('second, longer');
});

test('an unknown or foreign file id gets a failed entry with an empty URL, beside the ones that work', async () => {
  const known = await upload('known.txt', Buffer.from('x'));
  const entries = await tempUrls([known, 'cloud://local.local-local/missing.txt', 'cloud://prod-1a2b.7072-prod-1a2b-1300000000/a.txt']);
  expect(entries[0].status).toBe(0);
  expect(entries.slice(1)).toEqual([
    expect.objectContaining({ fileID: 'cloud://local.local-local/missing.txt', status: FILE_NONEXIST, tempFileURL: '' }),
    expect.objectContaining({ fileID: 'cloud://prod-1a2b.7072-prod-1a2b-1300000000/a.txt', status: FILE_NONEXIST, tempFileURL: '' }),
  ]);
  const many = Array.from({ length: 51 }, () => known);
  expect((await sdkError(tempUrls(many))).errMsg).toMatch(/at most 50/);
});

test('deleteFile removes the file: its link then answers 404, and a second delete reports it missing', async () => {
  const fileID = await upload('tmp/gone.csv', Buffer.from('a,b\n1,2\n'));
  const [entry] = await tempUrls([fileID]);
  expect((await fetch(entry.tempFileURL)).headers.get('content-type')).toBe('text/csv; charset=utf-8');

  expect(await deleteFiles([fileID])).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
  const res = await fetch(entry.tempFileURL);
  expect(res.status).toBe(404);
  expect((await xmlError(res)).code).toBe('NoSuchKey');
  expect((await deleteFiles([fileID]))[0].status).toBe(FILE_NONEXIST);
  expect((await tempUrls([fileID]))[0].status).toBe(FILE_NONEXIST);
  expect(await cloud.client.storageFiles('tmp/')).toEqual([]);
});

test('a link with an altered signature, or moved to another file, is refused with 403', async () => {
  const fileID = await upload('private/a.txt', Buffer.from('a'));
  await upload('private/b.txt', Buffer.from('b'));
  const [entry] = await tempUrls([fileID]);

  const tampered = await fetch(withSign(entry.tempFileURL, (sign) => (sign.startsWith('0') ? '1' : '0') + sign.slice(1)));
  expect(tampered.status).toBe(403);
  expect(tampered.headers.get('content-type')).toBe('application/xml');
  expect(await xmlError(tampered)).toMatchObject({ code: 'SignatureDoesNotMatch', message: expect.stringMatching(/altered/) });

  const moved = await fetch(entry.tempFileURL.replace('/private/a.txt?', '/private/b.txt?'));
  expect(moved.status).toBe(403);
  const unsigned = await fetch(entry.tempFileURL.split('?')[0]);
  expect(unsigned.status).toBe(403);
  expect((await fetch(entry.tempFileURL)).status).toBe(200);
});

test('a link dies when the local clock passes its maxAge', async () => {
  const fileID = await upload('short/lived.txt', Buffer.from('soon gone'));
  const [entry] = await tempUrls([{ fileID, maxAge: 60 }]);
  expect(entry.maxAge).toBe(60);
  expect((await fetch(entry.tempFileURL)).status).toBe(200);
  const [lasting] = await tempUrls([{ fileID, maxAge: 2 ** 52 }]);

  await cloud.client.advanceClock('61s');
  const res = await fetch(entry.tempFileURL);
  expect(res.status).toBe(403);
  expect(await xmlError(res)).toMatchObject({ code: 'AccessDenied', message: expect.stringMatching(/expired/) });
  expect((await fetch(lasting.tempFileURL)).status).toBe(200);
  // A fresh link to the same file works on the moved clock.
  expect((await fetch((await tempUrls([fileID]))[0].tempFileURL)).status).toBe(200);
});

test('an upload link is for one path and ten minutes: altered or late, the PUT is refused in XML and nothing is stored', async () => {
  const ticket = await adminAction({ action: 'storage.getUploadMetadata', path: 'tickets/a.txt', method: 'put' });
  const url = ticket.data!.url;
  expect(ticket.data).toMatchObject({ fileId: 'cloud://local.local-local/tickets/a.txt', authorization: expect.any(String), token: expect.any(String) });

  const altered = await fetch(url.replace('/tickets/a.txt?', '/tickets/b.txt?'), { method: 'PUT', body: 'x' });
  expect(altered.status).toBe(403);
  expect((await xmlError(altered)).code).toBe('SignatureDoesNotMatch');

  await cloud.client.advanceClock('11m');
  const late = await fetch(url, { method: 'PUT', body: 'x' });
  expect(late.status).toBe(403);
  expect(await xmlError(late)).toMatchObject({ code: 'AccessDenied', message: expect.stringMatching(/expired/) });
  expect(await cloud.client.storageFiles('tickets/')).toEqual([]);
});

test.each([
  ['../escape.txt', '../escape.txt', /\.\. segment/],
  ['a/../../escape.txt', 'a/../../escape.txt', /\.\. segment/],
  ['/absolute.txt', '/absolute.txt', /starts with \//],
  ['a//b.txt', 'a//b.txt', /empty folder name/],
  ['folder/', 'folder/', /empty folder name/],
  ['a\\b.txt', 'a\\b.txt', /backslash/],
  ['a?b=1.txt', 'a?b=1.txt', /\?, # or %/],
  ['851 bytes', 'x'.repeat(851), /851 bytes.*850/],
])('uploadFile refuses the cloud path %s before anything is stored', async (_label, cloudPath, reason) => {
  const error = await sdkError(upload(cloudPath, Buffer.from('nope')));
  expect(error.errMsg).toMatch(reason);
  expect(await cloud.client.storageFiles('')).not.toContainEqual(expect.objectContaining({ cloudPath }));
  expect(fs.existsSync(path.join(cloud.dataDir, 'escape.txt'))).toBe(false);
  expect(fs.existsSync(path.join(cloud.dataDir, 'storage/escape.txt'))).toBe(false);
});

test('a 20 MB upload is stored; one byte more is refused in XML, and uploadFile fails instead of passing for a success', async () => {
  const fileID = await upload('big/ok.bin', Buffer.alloc(20 * MB, 7));
  const res = await fetch((await tempUrls([fileID]))[0].tempFileURL);
  expect(res.headers.get('content-type')).toBe('application/octet-stream');
  expect((await res.arrayBuffer()).byteLength).toBe(20 * MB);

  const error = await sdkError(upload('big/too-big.bin', Buffer.alloc(20 * MB + 1, 7)));
  expect(error.errMsg).toMatch(/\[REQUEST_TOO_LARGE\].*at most 20 MB/);
  expect(await cloud.client.storageFiles('big/')).toEqual([expect.objectContaining({ cloudPath: 'big/ok.bin', size: 20 * MB })]);
});

test('GET /storage lists files under a prefix with their ids and fresh links', async () => {
  await upload('listing/b.txt', Buffer.from('bb'));
  await upload('listing/a.txt', Buffer.from('a'));
  const files = await cloud.client.storageFiles('listing/');
  expect(files.map((f) => [f.cloudPath, f.size, f.fileID])).toEqual([
    ['listing/a.txt', 1, 'cloud://local.local-local/listing/a.txt'],
    ['listing/b.txt', 2, 'cloud://local.local-local/listing/b.txt'],
  ]);
  expect(await (await fetch(files[1].tempFileURL)).text()).toBe('bb');
});

test('unchanged wx-server-sdk code inside a function uploads, links and downloads', async () => {
  const result = await cloud.client.invoke<{ fileID: string; tempFileURL: string; status: number; downloaded: string }>(
    'files',
    { openid: 'o-files' },
    { cloudPath: 'from-function/hello.txt', text: '你好' },
  );
  expect(result).toMatchObject({ fileID: 'cloud://local.local-local/from-function/hello.txt', status: 0, downloaded: '你好' });
  expect(await (await fetch(result.tempFileURL)).text()).toBe('你好');
});

test('files and the links handed out for them survive a restart', async () => {
  const fileID = await upload('durable/kept.txt', Buffer.from('kept'));
  const [entry] = await tempUrls([fileID]);
  cloud = await cloud.restart();
  const res = await fetch(entry.tempFileURL);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('kept');
  expect(fs.readdirSync(path.join(cloud.dataDir, 'storage/files')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
});
