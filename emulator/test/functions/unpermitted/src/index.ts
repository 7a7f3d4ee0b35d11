import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** Calls an openapi its config.json does not grant. */
export async function main() {
  try {
    await cloud.openapi.subscribeMessage.send({ touser: cloud.getWXContext().OPENID, templateId: 't', data: {} });
    return { denied: false };
  } catch (error) {
    const err = error as { errCode?: number; errMsg?: string };
    return { denied: true, errCode: err.errCode, errMsg: err.errMsg };
  }
}
