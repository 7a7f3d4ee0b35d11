/**
 * The protobuf envelope wx-server-sdk wraps around cloud.openapi calls. Field numbers are copied from the
 * SDK's generated `src/protobuf/openapi.js` (wx-server-sdk 4.0.2); only the messages and fields the local
 * cloud reads or writes are declared, the rest are skipped by the decoder as unknown fields.
 */
import * as protobuf from 'protobufjs';

const PROTO = `
syntax = "proto3";

message KeyValuePair {
  string key = 1;
  bytes value = 2;
  string contenttype = 3;
  string filename = 4;
}

message OpenApiData {
  repeated KeyValuePair pairs = 1;
}

message CommApiData {
  enum ApiType {
    OPEN_API = 0;
    INNER_API = 1;
    SVRKIT_API = 2;
    TOKEN_API = 3;
  }
  ApiType apiType = 1;
  OpenApiData openapiData = 2;
  string appid = 6;
}

message CommOpenApiResp {
  bytes respData = 1;
  string contentType = 2;
  int32 errorCode = 3;
}
`;

// keepCase: the SDK's generated code uses these exact camelCase names, so the JSON names must not be rewritten.
const root = protobuf.parse(PROTO, { keepCase: true }).root;
const CommApiData = root.lookupType('CommApiData');
const CommOpenApiResp = root.lookupType('CommOpenApiResp');

/** apiType OPEN_API: the only kind `cloud.openapi.*` sends (the others carry SDK-internal calls such as getOpenData). */
export const API_TYPE_OPEN_API = 0;

export interface DecodedRequest {
  apiType: number;
  /** Set only when the function called `cloud.openapi({ appid })` for another account. */
  appid: string;
  /** Each pair's value is the JSON text of one top-level argument; parsed here. */
  params: Record<string, unknown>;
}

export class RequestDataError extends Error {}

export function decodeRequestData(buf: Buffer): DecodedRequest {
  let message: protobuf.Message;
  try {
    message = CommApiData.decode(buf);
  } catch (e) {
    throw new RequestDataError(`requestData is not a CommApiData protobuf: ${(e as Error).message}`);
  }
  const obj = CommApiData.toObject(message, { defaults: true, enums: Number, bytes: Buffer }) as {
    apiType: number;
    appid: string;
    openapiData?: { pairs: { key: string; value: Buffer; contenttype: string }[] };
  };
  const params: Record<string, unknown> = {};
  for (const pair of obj.openapiData?.pairs ?? []) {
    // Media uploads (a pair with its own content type) stay raw; everything else is JSON text.
    if (pair.contenttype) {
      params[pair.key] = { contentType: pair.contenttype, value: Buffer.from(pair.value) };
      continue;
    }
    const text = Buffer.from(pair.value).toString('utf8');
    try {
      params[pair.key] = JSON.parse(text);
    } catch {
      throw new RequestDataError(`value of ${pair.key} is not JSON: ${text.slice(0, 80)}`);
    }
  }
  return { apiType: obj.apiType, appid: obj.appid, params };
}

export interface OpenApiResponse {
  respData?: Buffer;
  contentType?: string;
  /** Cloud-level failure (e.g. -604101 no permission); the SDK throws it before looking at respData. */
  errorCode?: number;
}

export function encodeResponse(resp: OpenApiResponse): Buffer {
  const message = CommOpenApiResp.fromObject({
    respData: resp.respData ?? Buffer.alloc(0),
    contentType: resp.contentType ?? '',
    errorCode: resp.errorCode ?? 0,
  });
  return Buffer.from(CommOpenApiResp.encode(message).finish());
}

/** Test helpers: the exact inverse operations, so tests can speak the wire format without the SDK. */
export function encodeRequestData(params: Record<string, unknown>, appid = ''): Buffer {
  const pairs = Object.entries(params).map(([key, value]) => ({ key, value: Buffer.from(JSON.stringify(value)) }));
  const message = CommApiData.fromObject({ apiType: API_TYPE_OPEN_API, openapiData: { pairs }, appid });
  return Buffer.from(CommApiData.encode(message).finish());
}

export function decodeResponse(buf: Buffer): Required<OpenApiResponse> {
  const obj = CommOpenApiResp.toObject(CommOpenApiResp.decode(buf), { defaults: true, bytes: Buffer }) as {
    respData: Buffer;
    contentType: string;
    errorCode: number;
  };
  return { respData: Buffer.from(obj.respData), contentType: obj.contentType, errorCode: obj.errorCode };
}
