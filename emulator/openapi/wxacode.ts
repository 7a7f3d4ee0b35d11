/**
 * wxacode.getUnlimited: checks scene and page as WeChat does and answers a real PNG. WeChat draws its own
 * round "mini-program code" that only WeChat can scan; the local cloud draws a standard QR code instead,
 * whose text is
 *
 *   https://local-cloud.invalid/wxacode?page=<page>&scene=<scene>&env_version=<env>&appid=<appid>
 *
 * (URL-encoded query; `page` is the app's first page when the caller gave none, as WeChat defaults to the
 * home page). `.invalid` is a reserved domain, so the code can never lead anywhere real; a local scanner
 * (test, demo page) parses it with `new URL(text).searchParams`.
 */
import QRCode from 'qrcode';
import type { OpenApiHandler } from './handler';
import { isAppPage } from './pages';
import { binaryReply, ERR, wxError } from './reply';

export const WXACODE_URL_PREFIX = 'https://local-cloud.invalid/wxacode';

const SCENE_CHARSET = /^[0-9a-zA-Z!#$&'()*+,/:;=?@\-._~]*$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
const DEFAULT_WIDTH = 430;
const MIN_WIDTH = 280;
const MAX_WIDTH = 1280;
/**
 * Passed through to pngjs. Filter type 0 skips pngjs's per-row filter search, which gains nothing on a
 * two-colour image and costs ~1.5 s per code under jest (70 ms in plain Node). filterType is missing from
 * @types/qrcode, hence a variable rather than an inline literal.
 */
const PNG_RENDERER = { deflateLevel: 9, filterType: 0 };

export const getUnlimited: OpenApiHandler = async (params, ctx) => {
  const rawScene = params.scene;
  const scene = typeof rawScene === 'number' ? String(rawScene) : rawScene;
  // WeChat answers an empty or too long scene with the same 40169.
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32) {
    return wxError(ctx.clock, ERR.INVALID_SCENE_LENGTH, 'invalid length for scene, or the data is not json string');
  }
  if (!SCENE_CHARSET.test(scene)) return wxError(ctx.clock, ERR.INVALID_SCENE, 'invalid scene');

  const envVersion = params.env_version ?? 'release';
  if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion)) {
    return wxError(ctx.clock, ERR.INVALID_ARGS, 'invalid args');
  }

  const requested = params.page ?? '';
  if (typeof requested !== 'string') return wxError(ctx.clock, ERR.INVALID_PAGE, 'invalid page');
  if (requested !== '') {
    // The page is a bare path: no leading slash and no query (parameters belong in scene).
    if (requested.startsWith('/') || requested.includes('?')) return wxError(ctx.clock, ERR.INVALID_PAGE, 'invalid page');
    if (params.check_path !== false && !isAppPage(requested, ctx.appPages)) {
      return wxError(ctx.clock, ERR.INVALID_PAGE, 'invalid page');
    }
  }
  const page: string = requested || (ctx.appPages[0] ?? '');

  const text = `${WXACODE_URL_PREFIX}?${new URLSearchParams({ page, scene, env_version: envVersion, appid: ctx.appid })}`;
  const png = await QRCode.toBuffer(text, {
    type: 'png',
    width: clampWidth(params.width),
    margin: 2,
    errorCorrectionLevel: 'M',
    rendererOpts: PNG_RENDERER,
    color: {
      dark: params.auto_color === true ? '#000000ff' : lineColor(params.line_color),
      light: params.is_hyaline === true ? '#00000000' : '#ffffffff',
    },
  });
  return binaryReply('image/png', png);
};

function clampWidth(width: unknown): number {
  const n = typeof width === 'number' ? width : Number(width ?? DEFAULT_WIDTH);
  if (!Number.isFinite(n)) return DEFAULT_WIDTH;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(n)));
}

/** WeChat takes `{"r":0,"g":0,"b":0}` with numbers or numeric strings; anything unreadable falls back to black. */
function lineColor(color: unknown): string {
  if (color === null || typeof color !== 'object') return '#000000ff';
  const c = color as Record<string, unknown>;
  const hex = (v: unknown) => {
    const n = Number(v ?? 0);
    return (Number.isFinite(n) ? Math.min(255, Math.max(0, Math.round(n))) : 0).toString(16).padStart(2, '0');
  };
  return `#${hex(c.r)}${hex(c.g)}${hex(c.b)}ff`;
}
