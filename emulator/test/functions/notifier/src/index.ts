import cloud from 'wx-server-sdk';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** Sends one subscription message to the caller, or makes a counter QR code. */
export async function main(event: { kind: 'message' | 'qrcode'; scene?: string }) {
  const { OPENID } = cloud.getWXContext();
  if (event.kind === 'qrcode') {
    const res = await cloud.openapi.wxacode.getUnlimited({ scene: event.scene ?? 's=1', page: undefined, checkPath: false });
    return { contentType: res.contentType, bytes: res.buffer.length };
  }
  try {
    const res = await cloud.openapi.subscribeMessage.send({
      touser: OPENID,
      templateId: 'tmpl-points',
      page: 'pages/member-home/member-home',
      data: { thing1: { value: '积分变动' }, number2: { value: '100' } },
    });
    return { sent: true, errCode: res.errCode ?? 0 };
  } catch (error) {
    const err = error as { errCode?: number; errMsg?: string };
    return { sent: false, errCode: err.errCode, errMsg: err.errMsg };
  }
}
