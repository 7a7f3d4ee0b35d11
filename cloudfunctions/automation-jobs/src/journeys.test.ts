/**
 * Journeys, scheduled grants and campaigns, moving the local clock forward through one brand's year:
 * the new-member journey, a run repeated and overlapping, birthdays (29 February), win-back, campaigns.
 */
import { builtInJourneys } from '../../../shared/rules/journeys';
import { ok, TEST_CONSENT as consent, useMembershipCloud } from '../../../server/testing';

const t = useMembershipCloud();
let seq = 0;
const requestId = () => `req-${String(++seq).padStart(6, '0')}`;

async function doc(collection: string, id: string) {
  return ((await t.db.collection(collection).doc(id).get()) as unknown as { data: Record<string, any> }).data;
}
async function find(collection: string, where: Record<string, unknown>) {
  return ((await t.db.collection(collection).where(where).limit(100).get()) as unknown as { data: Array<Record<string, any>> }).data;
}

async function join(openid: string, phone: string, birthday?: string): Promise<string> {
  return ok(await t.member(openid)('join', { scene: 's=S01&c=CLK001', consent, phone: { number: phone }, profile: birthday ? { birthday } : {} })).card.memberId;
}
const subscribe = (openid: string, accepted: Array<'store_notice' | 'coupon_arrived' | 'points_changed'>) => t.member(openid)('subscribe', { requestId: requestId(), accepted });
const jobs = () => t.cloud.client.trigger<Record<string, any>>('automation-jobs');
/** As overlapping timers would: twice at once, then once more. */
const overlapping = async () => {
  await Promise.all([jobs(), jobs()]);
  return jobs();
};

let coupon = '';

async function activeTemplate(name: string): Promise<string> {
  const draft = ok(
    await t.coupons('o-admin')('saveTemplate', {
      name,
      rule: { kind: 'cash', thresholdFen: 0, amountOffFen: 2_000 },
      validity: { type: 'days', days: 30, startsNextDay: false },
      limits: { totalStock: null, perMember: null, perMemberMonthly: null },
      claimable: false,
    }),
  );
  ok(await t.coupons('o-admin')('setTemplateStatus', { templateId: draft.templateId, status: 'active' }));
  return draft.templateId;
}

async function switchOn(kind: 'new_member' | 'birthday' | 'win_back', templateId: string) {
  const definition = builtInJourneys({ invitation: templateId, birthday: templateId, winBack: templateId, anniversary: templateId })[kind];
  ok(await t.automation('o-admin')('saveJourney', { journeyId: `builtin-${kind}`, definition, requestId: requestId() }));
  return ok(await t.automation('o-admin')('setJourneyStatus', { journeyId: `builtin-${kind}`, status: 'active' }));
}

beforeAll(async () => {
  await t.cloud.client.setClock('2026-12-01T09:30:00+08:00');
  await jobs(); // makes the built-in journeys
  coupon = await activeTemplate('到店礼券');
});

describe('the new-member journey', () => {
  let buyer = '';
  let quiet = '';
  let silent = '';

  test('joined → +3 days the store notice (to whoever subscribed), exactly once under overlapping runs', async () => {
    await switchOn('new_member', coupon);
    await t.cloud.client.setClock('2026-12-01T10:00:00+08:00');
    quiet = await join('o-new-a', '13400000001');
    buyer = await join('o-new-b', '13400000002');
    silent = await join('o-new-c', '13400000003');
    ok(await subscribe('o-new-a', ['store_notice', 'coupon_arrived']));
    ok(await subscribe('o-new-b', ['store_notice', 'coupon_arrived']));
    await overlapping();
    const run = await doc('journey_enrollments', `builtin-new_member:${quiet}`);
    expect(run.wakeAt.getTime() - (await doc('members', quiet)).joinedAt.getTime()).toBe(3 * 24 * 3600 * 1000);
    await t.cloud.client.setClock('2026-12-04T10:00:30+08:00');
    await overlapping();
    const notices = await t.cloud.client.outbox({ templateId: 'local-store-notice' });
    expect(notices.map((m) => m.touser).sort()).toEqual(['o-new-a', 'o-new-b']);
    expect(notices[0].data.thing1.value).toBe('本周新品已到店，欢迎来店试穿');
    // No acceptance, no fallback asked: nothing sent, the step recorded as such.
    expect((await doc('journey_step_runs', `journey:builtin-new_member:${silent}:1:s2`)).result).toBe('no_quota');
  });

  test('+7 days the invitation coupon, unless they bought: the buyer exits, converted', async () => {
    await t.cloud.client.setClock('2026-12-05T15:00:00+08:00');
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId: buyer, amountFen: 30_000, orderNo: 'NB-1', categories: [] }));
    await overlapping();
    await t.cloud.client.setClock('2026-12-08T10:00:30+08:00');
    await overlapping();
    const coupons = await find('coupons', { journeyId: 'builtin-new_member' });
    expect(coupons.map((c) => c.memberId).sort()).toEqual([quiet, silent].sort());
    expect(coupons.every((c) => c.grantKey.startsWith('journey:builtin-new_member:'))).toBe(true);
    expect((await t.cloud.client.outbox({ templateId: 'local-coupon-arrived' })).map((m) => m.touser)).toEqual(['o-new-a']);
    // The silent member has no acceptance: the step asked for a clerk task instead.
    const [task] = await find('tasks', { memberId: silent, cause: 'journey' });
    expect(task).toMatchObject({ title: '告知到账：到店礼券', ownerStaffId: 'st-clerk1', status: 'open' });
    const run = await doc('journey_enrollments', `builtin-new_member:${buyer}`);
    expect(run).toMatchObject({ status: 'exited', exitReason: 'purchased_since_entry' });
    expect(run.convertedAt).not.toBeNull();
    const view = ok(await t.automation('o-admin')('journey', { journeyId: 'builtin-new_member' }));
    expect(view.figures).toMatchObject({ entered: 3, exited: 1, finished: 2, converted: 1 });
    // Everyone waited and got the notice step; the buyer had left before the coupon.
    expect(view.figures.steps.map((s) => s.reached)).toEqual([3, 3, 3, 2]);
  });

  test('a run retried after a timeout before its progress was saved grants nothing twice', async () => {
    // As if the run that granted had died before saving: the enrollment still waits on the coupon step.
    await t.db.collection('journey_enrollments').doc(`builtin-new_member:${quiet}`).update({ data: { status: 'active', stepId: 's4', wakeAt: new Date('2026-12-08T02:00:00Z') } });
    await overlapping();
    expect(await find('coupons', { memberId: quiet, journeyId: 'builtin-new_member' })).toHaveLength(1);
    expect((await t.cloud.client.outbox({ touser: 'o-new-a' })).length).toBe(2);
  });

  test('the after-purchase journey made the follow-up tasks of the purchase, with the keys care uses', async () => {
    const keys = (await find('tasks', { memberId: buyer })).map((task) => task._id).sort();
    expect(keys).toEqual(['recommend:S01_NB-1', 'revisit:S01_NB-1', 'thanks:S01_NB-1']);
  });
});

describe('scheduled grants', () => {
  test('a birthday coupon once a year; born 29 February, it comes on 28 February in other years', async () => {
    await t.cloud.client.setClock('2027-02-20T10:00:00+08:00');
    await switchOn('birthday', coupon);
    const leapling = await join('o-leap', '13400000011', '2000-02-29');
    const other = await join('o-march', '13400000012', '1990-03-01');
    await overlapping();
    await t.cloud.client.setClock('2027-02-27T12:00:00+08:00');
    await overlapping();
    expect(await find('coupons', { memberId: leapling, journeyId: 'builtin-birthday' })).toHaveLength(0);
    await t.cloud.client.setClock('2027-02-28T10:00:30+08:00');
    await overlapping();
    expect(await find('coupons', { memberId: leapling, journeyId: 'builtin-birthday' })).toHaveLength(1);
    expect(await find('coupons', { memberId: other, journeyId: 'builtin-birthday' })).toHaveLength(0);
    await t.cloud.client.setClock('2027-03-01T10:00:30+08:00');
    await overlapping();
    await overlapping();
    expect(await find('coupons', { memberId: leapling, journeyId: 'builtin-birthday' })).toHaveLength(1);
    expect(await find('coupons', { memberId: other, journeyId: 'builtin-birthday' })).toHaveLength(1);
    const [grant] = await find('coupons', { memberId: leapling, journeyId: 'builtin-birthday' });
    expect(grant.grantKey).toBe(`journey:builtin-birthday:${leapling}:1:s2`);
  });

  test('a dormant member gets one win-back coupon; the journey does not take her again within 90 days', async () => {
    await t.cloud.client.setClock('2027-03-02T10:00:00+08:00');
    await switchOn('win_back', coupon);
    const sleeper = await join('o-sleeper', '13400000021');
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId: sleeper, amountFen: 10_000, orderNo: 'WB-1', categories: [] }));
    await overlapping();
    await t.cloud.client.setClock('2027-05-31T09:00:00+08:00'); // 90 days after the purchase
    await overlapping();
    await t.cloud.client.setClock('2027-05-31T10:00:30+08:00');
    await overlapping();
    for (const day of ['2027-06-10', '2027-07-01', '2027-08-01']) {
      await t.cloud.client.setClock(`${day}T10:00:30+08:00`);
      await overlapping();
    }
    const coupons = await find('coupons', { memberId: sleeper, journeyId: 'builtin-win_back' });
    expect(coupons).toHaveLength(1);
    expect(coupons[0].grantKey).toBe(`journey:builtin-win_back:${sleeper}:1:s2`);
  });
});

describe('campaigns', () => {
  test('a campaign to a segment reaches each member once across resumptions, and is tracked to its redemptions', async () => {
    await t.cloud.client.setClock('2027-09-01T10:00:00+08:00');
    const members = [await join('o-camp-1', '13400000031'), await join('o-camp-2', '13400000032'), await join('o-camp-3', '13400000033')];
    ok(await subscribe('o-camp-1', ['coupon_arrived']));
    const audience = { segments: [], tierIds: [], tags: [], storeIds: ['S01'] };
    const count = ok(await t.automation('o-manager')('audienceCount', { audience }));
    expect(count.count).toBeGreaterThanOrEqual(3);
    expect(count.withQuota).toBeGreaterThanOrEqual(1);
    const created = ok(await t.automation('o-manager')('createCampaign', { name: '秋季回馈', audience, couponTemplateId: coupon, notify: true, fallbackTasks: true, sendAt: null, requestId: 'camp-000001' }));
    const again = ok(await t.automation('o-manager')('createCampaign', { name: '秋季回馈', audience, couponTemplateId: coupon, notify: true, fallbackTasks: true, sendAt: null, requestId: 'camp-000001' }));
    expect(again.id).toBe(created.id);
    await overlapping();
    // As if the run's cursor save had been lost: the campaign runs its audience again.
    await t.db.collection('campaigns').doc(created.id).update({ data: { status: 'running', cursor: null } });
    await overlapping();
    const granted = await find('coupons', { campaignId: created.id });
    expect(granted.length).toBe(count.count);
    expect(new Set(granted.map((c) => c.memberId)).size).toBe(granted.length);
    expect((await t.cloud.client.outbox({ touser: 'o-camp-1', templateId: 'local-coupon-arrived' })).length).toBe(1);
    const mine = granted.find((c) => c.memberId === members[1])!;
    ok(await t.staff('o-clerk1')('recordPurchase', { memberId: members[1], amountFen: 12_000, orderNo: 'CP-1', categories: [], couponIds: [mine._id] }));
    const view = ok(await t.automation('o-manager')('campaign', { campaignId: created.id }));
    expect(view.status).toBe('done');
    expect(view.figures).toMatchObject({ granted: count.count, notified: count.withQuota, redeemed: 1, salesFen: 10_000 });
    expect(view.figures.tasks).toBe(count.count - count.withQuota);
    expect(view.figures.byStore).toEqual([{ storeId: 'S01', storeName: '旗舰店', redeemed: 1, salesFen: 10_000 }]);
    expect(view.figures.byClerk).toEqual([{ staffId: 'st-clerk1', name: '李导购', redeemed: 1, salesFen: 10_000 }]);
  });

  test('the editors pick from what the caller may use: a manager sees their store only', async () => {
    const manager = ok(await t.automation('o-manager')('options'));
    expect(manager.stores).toEqual([{ id: 'S01', name: '旗舰店' }]);
    expect(manager.coupons.map((c) => c.id)).toContain(coupon);
    expect(manager.tiers.length).toBeGreaterThan(1);
    expect(manager.tags.map((tag) => tag.id)).toContain('auto:high_ticket');
    const admin = ok(await t.automation('o-admin')('options'));
    expect(admin.stores.map((s) => s.id)).toEqual(['S01', 'S02']);
    const editor = ok(await t.automation('o-admin')('journeyEditor', { journeyId: 'builtin-new_member' }));
    expect(editor.journey?.definition.steps).toHaveLength(4);
    expect(editor.options).toEqual(admin);
    expect(ok(await t.automation('o-admin')('journeyEditor', {})).journey).toBeNull();
  });

  test('a manager addresses only their store; a clerk none', async () => {
    const everyone = ok(await t.automation('o-manager')('audienceCount', { audience: { segments: [], tierIds: [], tags: [], storeIds: ['S02'] } }));
    const store = ok(await t.automation('o-manager')('audienceCount', { audience: { segments: [], tierIds: [], tags: [], storeIds: ['S01'] } }));
    expect(everyone.count).toBe(store.count);
    expect(await t.automation('o-clerk1')('audienceCount', { audience: { segments: [], tierIds: [], tags: [], storeIds: [] } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('a journey with every step type', () => {
  test('tag entry, waits, a branch on quota, message with fallback, task, tags, wait until the birthday; an exit closes its tasks', async () => {
    await t.cloud.client.setClock('2027-10-01T10:00:00+08:00');
    const tag = async (name: string) => ok(await t.care('o-manager')('createTag', { name })).tag.id;
    const [invite, invited, stop] = [await tag('邀约'), await tag('已邀约'), await tag('勿扰')];
    const definition = {
      name: '邀约到店',
      entry: { kind: 'tag_added', tag: invite },
      steps: [
        { id: 's1', type: 'wait', days: 1, hours: 0 },
        { id: 's2', type: 'branch', condition: { kind: 'has_quota', template: 'store_notice' }, elseGoto: 's4' },
        { id: 's3', type: 'message', template: 'store_notice', text: '会员专享活动邀请', fallbackTask: true },
        { id: 's4', type: 'task', cause: 'journey', title: '电话邀约到店', dueInDays: 2 },
        { id: 's5', type: 'tag', op: 'add', tag: invited },
        { id: 's6', type: 'wait_until_date', field: 'birthday', offsetDays: 0, time: '10:00' },
        { id: 's7', type: 'tag', op: 'remove', tag: invite },
      ],
      exit: [{ kind: 'has_tag', tag: stop }],
      reentry: { kind: 'never' },
      conversionDays: 14,
    } as const;
    const saved = ok(await t.automation('o-admin')('saveJourney', { definition: definition as never, requestId: 'journey-00001' }));
    expect(ok(await t.automation('o-admin')('saveJourney', { definition: definition as never, requestId: 'journey-00001' })).id).toBe(saved.id);
    ok(await t.automation('o-admin')('setJourneyStatus', { journeyId: saved.id, status: 'active' }));
    const subscribed = await join('o-all-1', '13400000041', '1991-10-20');
    const plain = await join('o-all-2', '13400000042', '1992-10-25');
    const leaving = await join('o-all-3', '13400000043');
    ok(await subscribe('o-all-1', ['store_notice']));
    for (const memberId of [subscribed, plain, leaving]) ok(await t.care('o-manager')('setTags', { memberId, tagIds: [invite] }));
    await overlapping();
    ok(await t.care('o-manager')('setTags', { memberId: leaving, tagIds: [invite, stop] }));
    await t.cloud.client.setClock('2027-10-02T10:00:30+08:00');
    await overlapping();
    const runs = await find('journey_step_runs', { journeyId: saved.id });
    const stepsOf = (memberId: string) => runs.filter((r) => r.memberId === memberId).map((r) => `${r.stepId}:${r.result}`).sort();
    expect(stepsOf(subscribed)).toEqual(['s1:waited', 's2:true', 's3:queued', 's4:task', 's5:tagged', 's6:waited']);
    expect(stepsOf(plain)).toEqual(['s1:waited', 's2:false', 's4:task', 's5:tagged', 's6:waited']);
    expect(stepsOf(leaving)).toEqual(['s1:waited']);
    expect((await doc('journey_enrollments', `${saved.id}:${leaving}`)).status).toBe('exited');
    expect((await doc('members', plain)).manualTags).toEqual([invite, invited]);
    expect((await t.cloud.client.outbox({ touser: 'o-all-1', templateId: 'local-store-notice' })).map((m) => m.data.thing1.value)).toEqual(['会员专享活动邀请']);
    const [task] = await find('tasks', { memberId: plain, journeyId: saved.id });
    expect(task).toMatchObject({ cause: 'journey', title: '电话邀约到店', status: 'open' });
    expect((await doc('journey_enrollments', `${saved.id}:${plain}`)).wakeAt.toISOString()).toBe('2027-10-25T02:00:00.000Z');
    // The exit closes the open tasks of the run: the plain member leaves on her birthday wait.
    ok(await t.care('o-manager')('setTags', { memberId: plain, tagIds: [invite, invited, stop] }));
    await t.cloud.client.setClock('2027-10-25T10:00:30+08:00');
    await overlapping();
    expect((await doc('journey_enrollments', `${saved.id}:${plain}`)).status).toBe('exited');
    expect((await doc('tasks', task._id)).status).toBe('expired');
  });
});
