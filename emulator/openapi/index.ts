/**
 * The openapi part of the local cloud: answers the multipart POSTs to /admin that wx-server-sdk sends for
 * `cloud.openapi.<module>.<method>(data)`, in the wire format the SDK decodes (see README.md).
 */
import type { ClockLike, InvocationContext } from '../types';
import type { HandlerContext, OpenApiHandler } from './handler';
import { parseMultipart } from './multipart';
import { getPhoneNumber } from './phonenumber';
import {
  API_TYPE_OPEN_API,
  decodeRequestData,
  encodeResponse,
  type OpenApiResponse,
  RequestDataError,
} from './protocol';
import { ERR, jsonReply } from './reply';
import { sendSubscribeMessage } from './subscribe-message';
import { getUnlimited } from './wxacode';
import type { Outbox } from './outbox';

export { Outbox } from './outbox';
export type { OutboxFilter } from './outbox';
export { DEMO_PHONE_CODES } from './phonenumber';
export { TRANSIENT_ERRORS } from './reply';
export { WXACODE_URL_PREFIX } from './wxacode';

export interface OpenApiDeps {
  clock: ClockLike;
  /** Default app id of the local cloud, e.g. 'wx-local-appid'. */
  appid: string;
  /** The calling function's invocation, when known. */
  invocation?: InvocationContext;
  /**
   * Looks an invocation up by the `wxCloudApiToken` form field (the function's WX_API_TOKEN), for callers
   * that have not parsed the form themselves. Used only when `invocation` is not given.
   */
  resolveInvocation?: (wxCloudApiToken: string) => InvocationContext | undefined;
  outbox: Outbox;
  /** Pages from miniprogram/app.json, e.g. ['pages/member-home/member-home']. */
  appPages: string[];
}

export interface OpenApiHttpReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const HANDLERS: Record<string, OpenApiHandler> = {
  'subscribeMessage.send': sendSubscribeMessage,
  'wxacode.getUnlimited': getUnlimited,
  'phonenumber.getPhoneNumber': getPhoneNumber,
};

export const SUPPORTED_APIS = Object.keys(HANDLERS);

export function isOpenApiRequest(contentType: string | undefined): boolean {
  return typeof contentType === 'string' && /^multipart\/form-data\b/i.test(contentType.trim());
}

export async function handleOpenApiRequest(
  body: Buffer,
  contentType: string,
  deps: OpenApiDeps,
): Promise<OpenApiHttpReply> {
  let form;
  try {
    form = await parseMultipart(body, contentType);
  } catch (e) {
    return cloudError('INVALID_PARAM', `malformed multipart body: ${(e as Error).message}`);
  }
  const action = form.fields.action;
  if (action !== 'wx.openApi') {
    return cloudError('INVALID_PARAM', `the local cloud does not emulate action ${action ?? '(none)'} over multipart`);
  }
  const apiName = form.fields.apiName ?? '';
  const requestData = form.files.requestData;
  if (!requestData) {
    return cloudError('INVALID_PARAM', 'requestData missing, or not sent as a binary (application/octet-stream) part');
  }

  let request;
  try {
    request = decodeRequestData(requestData);
  } catch (e) {
    if (e instanceof RequestDataError) return cloudError('INVALID_PARAM', e.message);
    throw e;
  }

  const token = form.fields.wxCloudApiToken ?? '';
  const invocation = deps.invocation ?? (token && deps.resolveInvocation ? deps.resolveInvocation(token) : undefined);

  // Only cloud.openapi.* travels as OPEN_API; getOpenData / getVoIPSign / getCloudCallSign are not emulated.
  if (request.apiType !== API_TYPE_OPEN_API) return openApiReply({ errorCode: ERR.API_NOT_FOUND });

  if (invocation && !invocation.openapiPermissions.includes(apiName)) {
    // As the cloud does: a bare error code in the envelope; the SDK turns it into errCode -604101.
    return openApiReply({ errorCode: ERR.NO_PERMISSION });
  }

  const handler = Object.hasOwn(HANDLERS, apiName) ? HANDLERS[apiName] : undefined;
  if (!handler) {
    return openApiReply(
      jsonReply({
        errcode: ERR.API_NOT_FOUND,
        errmsg: `api ${apiName} is not supported by the local cloud (supported: ${SUPPORTED_APIS.join(', ')})`,
      }),
    );
  }

  const ctx: HandlerContext = {
    clock: deps.clock,
    appid: request.appid || invocation?.appid || deps.appid,
    invocation,
    outbox: deps.outbox,
    appPages: deps.appPages,
  };
  try {
    return openApiReply(await handler(request.params, ctx));
  } catch (e) {
    // A bug in the emulator: surface it to the calling function as WeChat's "system error" with the reason.
    return openApiReply(jsonReply({ errcode: -1, errmsg: `system error (local cloud: ${(e as Error).message})` }));
  }
}

/**
 * The envelope goes out as octet-stream: node-sdk JSON-parses the body only when the HTTP content type is
 * exactly `application/json; charset=utf-8`, which must therefore be kept for CloudBase-level errors.
 */
function openApiReply(resp: OpenApiResponse): OpenApiHttpReply {
  return { status: 200, headers: { 'content-type': 'application/octet-stream' }, body: encodeResponse(resp) };
}

/** A CloudBase-level error (code name from the SDK's TCB_ERR_CODE table), thrown by the SDK as e.g. -501007. */
function cloudError(code: string, message: string): OpenApiHttpReply {
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify({ code, message })),
  };
}
