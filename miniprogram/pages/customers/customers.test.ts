import * as care from '../../fixtures/care';
import * as demo from '../../fixtures/demo';
import type { StaffView } from '../../shared/contracts/views';
import { byAction, fail, installCloud, ok } from '../../test-support/cloud';
import { exists, fire, render, settle, tap, text } from '../../test-support/simulate';

const PAGE = 'pages/customers/customers';

async function openPage(as: StaffView | null = demo.staff) {
  // A second page in one test needs the page module afresh (its Component() call registers it).
  jest.resetModules();
  require('../../stores/staff-profile').setStaffProfile(as);
  const page = render(PAGE);
  page.instance.onLoad();
  await settle();
  return page;
}

const payloads = (cloud: { calls: Array<{ action: string; payload: unknown }> }) => cloud.calls.map((call) => call.payload);

describe('customers', () => {
  let navigateTo: jest.SpyInstance;
  beforeEach(() => {
    navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation((() => undefined) as never);
  });
  afterEach(() => jest.restoreAllMocks());

  it('lists my customers from one care.customers call, newest visit first', async () => {
    const cloud = installCloud(byAction({ 'care.customers': ok(care.customersPage1) }));
    const page = await openPage();

    expect(cloud.calls).toEqual([{ name: 'care', action: 'customers', payload: { scope: 'mine', sort: 'lastVisit' } }]);
    const first = text(page, '#customer-0');
    expect(first).toContain('陈静');
    expect(first).toContain('金卡');
    expect(first).toContain('活跃');
    expect(first).toContain('139****2046');
    expect(first).toContain('最近到店 2026-10-31');
    expect(first).toContain('近12月 ¥8640.00');
    expect(text(page, '#customer-0 .row__heat-value')).toBe('64');
    // The serving clerk is the viewer on 我的顾客, so it is not repeated on each row.
    expect(first).not.toContain('导购');
    expect(page.querySelectorAll('.row')).toHaveLength(6);
  });

  it("offers the brand's own tiers in the tier filter, as the list answers them", async () => {
    installCloud(byAction({ 'care.customers': ok({ ...care.customersPage1, tiers: [{ id: 'basic', name: '会员' }, { id: 'black', name: '黑卡' }] }) }));
    const page = await openPage();
    expect((page.data as { tierOptions: Array<{ text: string; value: string }> }).tierOptions.map((option) => option.text)).toEqual(['全部等级', '会员', '黑卡']);
  });

  it('colours the tier tag with the tier colour and marks automatic tags', async () => {
    installCloud(byAction({ 'care.customers': ok(care.customersPage1) }));
    const page = await openPage();
    const tier = page.querySelector('#customer-0 .row__tier');
    expect(tier?.dom?.getAttribute('style')).toContain('#C9A227');
    const chips = page.querySelectorAll('#customer-0 .chip');
    expect(chips.map((chip) => chip.dom?.textContent?.replace(/\s+/g, ''))).toEqual(['自动高客单', '自动偏好大衣', '通勤风']);
    expect(chips.map((chip) => chip.dom?.className.includes('chip--auto'))).toEqual([true, true, false]);
    // A customer who never bought and gave no name.
    installCloud(byAction({ 'care.customers': ok(care.customersPage2) }));
    const second = await openPage();
    expect(text(second, '#customer-1')).toContain('未填写姓名');
    expect(text(second, '#customer-1')).toContain('尚未消费');
  });

  it('shows at most three tags on a row', async () => {
    const many = { ...care.customers[0]!, tags: [...care.customers[0]!.tags, { id: 'tg-events', name: '爱参加活动', auto: false }] };
    installCloud(byAction({ 'care.customers': ok({ ...care.customersEmpty, customers: [many] }) }));
    const page = await openPage();
    expect(page.querySelectorAll('#customer-0 .chip')).toHaveLength(3);
    expect(text(page, '#customer-0')).not.toContain('爱参加活动');
  });

  it('searches by the last four digits of the phone', async () => {
    const cloud = installCloud(
      byAction({ 'care.customers': (payload: unknown) => ok((payload as { q?: string }).q === '2046' ? care.customersSearch2046 : care.customersPage1) }),
    );
    const page = await openPage();
    await fire(page, '#search', 'change', '2046');
    expect(cloud.calls).toHaveLength(1);
    await fire(page, '#search', 'search', ' 2046 ');
    expect(cloud.calls[1]!.payload).toEqual({ scope: 'mine', sort: 'lastVisit', q: '2046' });
    expect(page.querySelectorAll('.row')).toHaveLength(2);
    expect(text(page, '#customer-1')).toContain('孙丽');
  });

  it('searches by name, and asks for four digits rather than searching other numbers', async () => {
    const cloud = installCloud(byAction({ 'care.customers': ok(care.customersPage1) }));
    const page = await openPage();
    await fire(page, '#search', 'search', '204');
    expect(text(page, '#search-hint')).toBe('按手机号搜索请输入后4位');
    expect(cloud.calls).toHaveLength(1);
    await fire(page, '#search', 'search', '陈');
    expect(exists(page, '#search-hint')).toBe(false);
    expect(cloud.calls[1]!.payload).toEqual({ scope: 'mine', sort: 'lastVisit', q: '陈' });
    await fire(page, '#search', 'clear');
    expect(cloud.calls[2]!.payload).toEqual({ scope: 'mine', sort: 'lastVisit' });
    // Deleting the text by hand ends a search too. (j-component turns an empty detail into {}, so the
    // handler is called as van-search would call it.)
    await fire(page, '#search', 'search', '陈');
    page.instance.onSearchInput({ detail: '' });
    await settle();
    expect(cloud.calls[4]!.payload).toEqual({ scope: 'mine', sort: 'lastVisit' });
    expect(cloud.calls).toHaveLength(5);
  });

  it('sends the segment, tier and sort chosen, keeping the search', async () => {
    const cloud = installCloud(byAction({ 'care.customers': ok(care.customersPage1) }));
    const page = await openPage();
    await fire(page, '#search', 'search', '陈');
    await fire(page, '#filter-segment', 'change', 'dormant');
    await fire(page, '#filter-tier', 'change', 'gold');
    await fire(page, '#filter-sort', 'change', 'heat');
    expect(payloads(cloud).slice(2)).toEqual([
      { scope: 'mine', sort: 'lastVisit', q: '陈', segment: 'dormant' },
      { scope: 'mine', sort: 'lastVisit', q: '陈', segment: 'dormant', tierId: 'gold' },
      { scope: 'mine', sort: 'heat', q: '陈', segment: 'dormant', tierId: 'gold' },
    ]);
    // Back to 全部分群: the filter leaves the payload.
    await fire(page, '#filter-segment', 'change', 'any');
    expect(cloud.calls[5]!.payload).toEqual({ scope: 'mine', sort: 'heat', q: '陈', tierId: 'gold' });
  });

  it('appends the next page with the cursor on reaching the bottom, then stops', async () => {
    const cloud = installCloud(
      byAction({ 'care.customers': (payload: unknown) => ok((payload as { cursor?: string }).cursor === 'cur-customers-2' ? care.customersPage2 : care.customersPage1) }),
    );
    const page = await openPage();
    await fire(page, '#filter-sort', 'change', 'spend');
    expect(text(page, '#load-more')).toBe('加载更多');

    page.instance.onReachBottom();
    await settle();
    expect(cloud.calls[2]!.payload).toEqual({ scope: 'mine', sort: 'spend', cursor: 'cur-customers-2' });
    expect(page.querySelectorAll('.row')).toHaveLength(8);
    expect(text(page, '#customer-0')).toContain('陈静');
    expect(text(page, '#customer-6')).toContain('何佳');
    expect(text(page, '#no-more')).toBe('没有更多了');

    page.instance.onReachBottom();
    await settle();
    expect(cloud.calls).toHaveLength(3);
  });

  it('keeps the rows and offers a retry when the next page fails', async () => {
    const cloud = installCloud(byAction({ 'care.customers': ok(care.customersPage1) }));
    const page = await openPage();
    cloud.setRoute(byAction({ 'care.customers': fail('BUSY') }));
    page.instance.onReachBottom();
    await settle();
    expect(text(page, '#more-error')).toBe('操作过于频繁，请稍后重试，点击重试');
    expect(page.querySelectorAll('.row')).toHaveLength(6);
    cloud.setRoute(byAction({ 'care.customers': ok(care.customersPage2) }));
    await tap(page, '#more-error');
    expect(cloud.calls[2]!.payload).toEqual({ scope: 'mine', sort: 'lastVisit', cursor: 'cur-customers-2' });
    expect(page.querySelectorAll('.row')).toHaveLength(8);
  });

  it('drops a late page of the list that a new filter replaced', async () => {
    let answerMore: (value: unknown) => void = () => undefined;
    const cloud = installCloud(
      byAction({
        'care.customers': (payload: unknown) =>
          (payload as { cursor?: string }).cursor ? new Promise((resolve) => (answerMore = resolve)) : ok(care.customersPage1),
      }),
    );
    const page = await openPage();
    page.instance.onReachBottom();
    await settle();
    await fire(page, '#filter-segment', 'change', 'vip');
    answerMore(ok(care.customersPage2));
    await settle();
    expect(cloud.calls).toHaveLength(3);
    expect(page.querySelectorAll('.row')).toHaveLength(6);
  });

  it('gives a clerk and a manager 我的顾客 and 门店顾客, an admin also 全部', async () => {
    const cloud = installCloud(byAction({ 'care.customers': ok(care.customersAll) }));
    const clerk = await openPage(demo.staff);
    expect(exists(clerk, '#tab-mine')).toBe(true);
    expect(exists(clerk, '#tab-store')).toBe(true);
    expect(exists(clerk, '#tab-all')).toBe(false);
    const manager = await openPage(demo.manager);
    expect(exists(manager, '#tab-all')).toBe(false);

    const admin = await openPage({ ...demo.manager, role: 'admin', name: '总部管理员' });
    expect(text(admin, '#tab-all')).toBe('全部');
    await tap(admin, '#tab-all');
    expect(cloud.calls[cloud.calls.length - 1]!.payload).toEqual({ scope: 'all', sort: 'lastVisit' });
    // Beyond 我的顾客 each row names who serves the customer.
    expect(text(admin, '#customer-0')).toContain('导购 陈静');
  });

  it('switches to 门店顾客 with one call', async () => {
    const cloud = installCloud(byAction({ 'care.customers': ok(care.customersPage1) }));
    const page = await openPage();
    await tap(page, '#tab-store');
    await tap(page, '#tab-store');
    expect(payloads(cloud)).toEqual([
      { scope: 'mine', sort: 'lastVisit' },
      { scope: 'store', sort: 'lastVisit' },
    ]);
  });

  it('opens the profile of the customer tapped', async () => {
    installCloud(byAction({ 'care.customers': ok(care.customersPage1) }));
    const page = await openPage();
    await tap(page, '#customer-1');
    expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/customer-profile/customer-profile?memberId=m-zhou-zihan' });
  });

  it('says so when nobody matches, and shows the server message with a retry after a failure', async () => {
    const cloud = installCloud(byAction({ 'care.customers': ok(care.customersEmpty) }));
    const page = await openPage();
    expect(text(page, '#state >> #state-empty-text')).toBe('还没有由您服务的顾客');
    await fire(page, '#filter-segment', 'change', 'vip');
    expect(text(page, '#state >> #state-empty-text')).toBe('没有符合条件的顾客');

    cloud.setRoute(byAction({ 'care.customers': fail('FORBIDDEN') }));
    await tap(page, '#tab-store');
    expect(text(page, '#state >> #state-error-text')).toBe('没有权限执行此操作');
    cloud.setRoute(byAction({ 'care.customers': ok(care.customersPage1) }));
    await tap(page, '#state >> #state-retry');
    expect(cloud.calls[cloud.calls.length - 1]!.payload).toEqual({ scope: 'store', sort: 'lastVisit', segment: 'vip' });
    expect(page.querySelectorAll('.row')).toHaveLength(6);
  });
});
