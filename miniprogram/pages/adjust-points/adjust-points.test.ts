import * as care from '../../fixtures/care';
import { byAction, fail, installCloud, offline, ok, type CloudRoute } from '../../test-support/cloud';
import { answerModals, exists, fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/adjust-points/adjust-points';
const MEMBER = care.PROFILE_MEMBER_ID;

async function openPage() {
  const page = render(PAGE, { memberId: MEMBER, name: encodeURIComponent('陈静'), balance: '6215' });
  page.instance.onLoad();
  await settle();
  return page;
}

async function fill(page: Awaited<ReturnType<typeof openPage>>, points: string, reason: string) {
  await fire(page, '#points', 'change', points);
  await fire(page, '#reason', 'change', reason);
}

type Payload = { memberId: string; points: number; reason: string; requestId: string };
const payloadOf = (cloud: { calls: Array<{ payload: unknown }> }, index: number) => cloud.calls[index]!.payload as Payload;

describe('adjust-points', () => {
  let navigateBack: jest.SpyInstance;
  let showToast: jest.SpyInstance;
  let showModal: jest.SpyInstance;
  beforeEach(() => {
    jest.resetModules();
    navigateBack = jest.spyOn(wx, 'navigateBack').mockImplementation((() => undefined) as never);
    showToast = jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
    showModal = answerModals();
  });
  afterEach(() => jest.restoreAllMocks());

  it('names the customer and the balance they have', async () => {
    installCloud(byAction({}));
    const page = await openPage();
    expect(text(page, '#customer-name')).toBe('陈静');
    expect(text(page, '#balance')).toBe('当前 6,215');
  });

  it('checks the points and the reason before asking anything', async () => {
    const cloud = installCloud(byAction({ 'care.adjustPoints': ok(care.pointsAdjusted) }));
    const page = await openPage();
    await tap(page, '#submit');
    expect(page.data.errors).toEqual({ points: '请输入积分', reason: '请填写调整原因' });
    expect(text(page, '#points')).toContain('请输入积分');

    await fill(page, '12.5', '活动补发');
    await tap(page, '#submit');
    expect(page.data.errors).toEqual({ points: '积分须为正整数' });
    await fill(page, '0', '活动补发');
    await tap(page, '#submit');
    expect(page.data.errors).toEqual({ points: '调整积分不能为0' });
    await fill(page, '2000000', '活动补发');
    await tap(page, '#submit');
    expect(page.data.errors).toEqual({ points: '积分调整过大' });
    await fill(page, '200', '   ');
    await tap(page, '#submit');
    expect(page.data.errors).toEqual({ reason: '请填写调整原因' });

    expect(showModal).not.toHaveBeenCalled();
    expect(cloud.calls).toEqual([]);
  });

  it('adds points after confirmation, then says the new balance and goes back', async () => {
    const cloud = installCloud(byAction({ 'care.adjustPoints': ok(care.pointsAdjusted) }));
    const page = await openPage();
    await fill(page, '200', '会员日活动补发');
    await tap(page, '#submit');
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认增加积分？', content: expect.stringContaining('为 陈静 增加 200 积分\n原因：会员日活动补发') }));
    expect(cloud.calls).toEqual([
      { name: 'care', action: 'adjustPoints', payload: { memberId: MEMBER, points: 200, reason: '会员日活动补发', requestId: expect.stringMatching(/^[0-9a-z]{20}$/) } },
    ]);
    expect(showToast).toHaveBeenCalledWith({ title: '已调整，当前积分 6,415', icon: 'none' });
    expect(navigateBack).toHaveBeenCalled();
  });

  it('deducts as a negative number', async () => {
    const cloud = installCloud(byAction({ 'care.adjustPoints': ok({ pointsBalance: 6_015, entryId: 'l-x' }) }));
    const page = await openPage();
    await tap(page, '#direction-deduct');
    expect(text(page, '#submit')).toBe('确认扣减');
    await fill(page, '200', '误操作更正');
    await tap(page, '#submit');
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认扣减积分？', content: expect.stringContaining('扣减 200 积分') }));
    expect(payloadOf(cloud, 0)).toMatchObject({ points: -200, reason: '误操作更正' });
  });

  it('does nothing when not confirmed', async () => {
    showModal.mockRestore();
    answerModals(() => ({ confirm: false }));
    const cloud = installCloud(byAction({ 'care.adjustPoints': ok(care.pointsAdjusted) }));
    const page = await openPage();
    await fill(page, '200', '活动补发');
    await tap(page, '#submit');
    expect(cloud.calls).toEqual([]);
    expect(navigateBack).not.toHaveBeenCalled();
  });

  it('retries a lost answer with the same request id, and a changed adjustment with a new one', async () => {
    const cloud = installCloud(offline);
    const page = await openPage();
    await fill(page, '200', '活动补发');
    await tap(page, '#submit');
    expect(text(page, '#form-error')).toBe('网络异常，请检查网络后重试');
    expect(navigateBack).not.toHaveBeenCalled();

    await tap(page, '#submit');
    expect(payloadOf(cloud, 1).requestId).toBe(payloadOf(cloud, 0).requestId);

    await fill(page, '300', '活动补发');
    cloud.setRoute(byAction({ 'care.adjustPoints': ok(care.pointsAdjusted) }));
    await tap(page, '#submit');
    expect(payloadOf(cloud, 2).points).toBe(300);
    expect(payloadOf(cloud, 2).requestId).not.toBe(payloadOf(cloud, 0).requestId);
    expect(navigateBack).toHaveBeenCalledTimes(1);
  });

  it('shows the fields the server refused at those fields', async () => {
    const refused: CloudRoute = () => ({ ok: false, error: { code: 'INVALID_INPUT', message: '输入有误，请检查后重试', fields: { reason: '原因不能包含特殊控制字符' } } });
    installCloud(refused);
    const page = await openPage();
    await fill(page, '200', '活动补发');
    await tap(page, '#submit');
    expect(page.data.errors).toEqual({ reason: '原因不能包含特殊控制字符' });
    expect(text(page, '#reason')).toContain('原因不能包含特殊控制字符');
    expect(exists(page, '#form-error')).toBe(false);
    // Typing in the field clears its error.
    await fire(page, '#reason', 'change', '活动补发积分');
    expect(page.data.errors.reason).toBe('');
  });

  it('explains a refusal that is not about a field, and a new request follows', async () => {
    const cloud = installCloud(byAction({ 'care.adjustPoints': fail('POINTS_ADJUST_TOO_LOW') }));
    const page = await openPage();
    await tap(page, '#direction-deduct');
    await fill(page, '9000', '误操作更正');
    await tap(page, '#submit');
    expect(text(page, '#form-error')).toBe('扣减后积分不能为负数');
    expect(page.data.saving).toBe(false);
    await tap(page, '#submit');
    // The server answered, so the next tap is a new request.
    expect(payloadOf(cloud, 1).requestId).not.toBe(payloadOf(cloud, 0).requestId);
  });
});
