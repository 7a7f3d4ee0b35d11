import 'miniprogram-simulate';
import { byAction, fail, installCloud, offline, ok } from '../test-support/cloud';
import { ActionFailure, callAction, callMember, callStaff, toActionFailure } from './cloud';
import * as demo from '../fixtures/demo';
import type { MemberContract } from '../shared/contracts/member';

describe('callAction', () => {
  it('sends { action, payload } to the named function and answers the data', async () => {
    const cloud = installCloud(byAction({ 'member.card': ok(demo.card) }));
    await expect(callAction<MemberContract, 'card'>('member', 'card', {})).resolves.toEqual(demo.card);
    expect(cloud.calls).toEqual([{ name: 'member', action: 'card', payload: {} }]);
  });

  it('has typed wrappers per function', async () => {
    const cloud = installCloud(byAction({ 'staff.customer': ok(demo.customer), 'member.memberCode': ok(demo.memberCode) }));
    await expect(callStaff('customer', { memberId: 'm1' })).resolves.toEqual(demo.customer);
    await expect(callMember('memberCode', {})).resolves.toEqual(demo.memberCode);
    expect(cloud.calls.map((call) => `${call.name}.${call.action}`)).toEqual(['staff.customer', 'member.memberCode']);
  });

  it('throws the server error as an ActionFailure with code, message and fields', async () => {
    installCloud(() => ({ ok: false, error: { code: 'INVALID_INPUT', message: '输入有误，请检查后重试', fields: { orderNo: '请输入订单号' } } }));
    const failure = await callStaff('recordPurchase', { memberId: 'm', amountFen: 100, orderNo: '', categories: [] }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ActionFailure);
    expect(failure).toMatchObject({ code: 'INVALID_INPUT', message: '输入有误，请检查后重试', fields: { orderNo: '请输入订单号' } });
  });

  it('keeps the server’s own message', async () => {
    installCloud(() => fail('NOT_STAFF', '仅限本店员工使用'));
    await expect(callStaff('me', {})).rejects.toMatchObject({ code: 'NOT_STAFF', message: '仅限本店员工使用' });
  });

  it('reports a request that never got an answer as NETWORK', async () => {
    installCloud(offline);
    await expect(callMember('card', {})).rejects.toMatchObject({ code: 'NETWORK', message: '网络异常，请检查网络后重试' });
  });

  it('reports a crashed function, or an answer that is not an ActionResult, as INTERNAL', async () => {
    installCloud(() => {
      throw Object.assign(new Error('cloud.callFunction:fail -504002 functions execute fail'), { errCode: -504002 });
    });
    await expect(callMember('card', {})).rejects.toMatchObject({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });

    installCloud(() => undefined);
    await expect(callMember('card', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('toActionFailure', () => {
  it('passes failures through and turns anything else into INTERNAL', () => {
    const failure = new ActionFailure('BUSY', '操作过于频繁，请稍后重试');
    expect(toActionFailure(failure)).toBe(failure);
    expect(toActionFailure(new TypeError('x'))).toMatchObject({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' });
  });
});
