/** What each emulated openapi gets: the call's arguments (snake_case, as WeChat reads them) and the cloud around it. */
import type { ClockLike, InvocationContext } from '../types';
import type { Outbox } from './outbox';
import type { OpenApiResponse } from './protocol';

export interface HandlerContext {
  clock: ClockLike;
  /** The app the call acts for: cross-account appid from the request, else the invocation's, else the cloud's. */
  appid: string;
  invocation?: InvocationContext;
  outbox: Outbox;
  appPages: string[];
}

export type OpenApiHandler = (
  params: Record<string, unknown>,
  ctx: HandlerContext,
) => OpenApiResponse | Promise<OpenApiResponse>;
