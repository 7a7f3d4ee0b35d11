import { EMPTY_FORM, formOf, formProblems, formTerms, type TemplateForm } from './template-form';

const known = { storeIds: ['S01', 'S02'], tierIds: ['normal'] };
const cash: TemplateForm = { ...EMPTY_FORM, name: '满300减50', threshold: '300', amountOff: '50', totalStock: '500' };

test('the form becomes terms in fen and counts', () => {
  expect(formTerms(cash)).toMatchObject({
    name: '满300减50',
    rule: { kind: 'cash', thresholdFen: 30_000, amountOffFen: 5_000 },
    validity: { type: 'days', days: 30, startsNextDay: false },
    limits: { totalStock: 500, perMember: 1, perMemberMonthly: null },
    claimable: true,
    pointsCost: null,
  });
  expect(formTerms({ ...EMPTY_FORM, kind: 'discount', rate: '88', cap: '20.5', validityType: 'nextDay', days: '7' })).toMatchObject({
    rule: { kind: 'discount', rate: 88, capFen: 2_050, thresholdFen: 0 },
    validity: { type: 'days', days: 7, startsNextDay: true },
  });
});

test('problems come back by form field, as the manager types', () => {
  expect(formProblems(cash, known)).toEqual({});
  expect(formProblems({ ...cash, name: '', amountOff: '400' }, known)).toEqual({ name: '请填写券名称', amountOff: '减免金额不能高于门槛' });
  expect(formProblems({ ...cash, amountOff: '5.555' }, known)).toHaveProperty('amountOff');
  expect(formProblems({ ...cash, totalStock: '0', perMember: 'x' }, known)).toMatchObject({ totalStock: expect.any(String), perMember: expect.any(String) });
  expect(formProblems({ ...cash, validityType: 'fixed' }, known)).toEqual({ untilDay: '请选择开始和结束日期' });
});

test('a draft goes back into the form as it was typed', () => {
  const form = { ...cash, kind: 'random' as const, minOff: '5', maxOff: '20', threshold: '100', perMemberMonthly: '1' };
  const terms = formTerms(form);
  const view = { ...terms, templateId: 'T1', status: 'draft' as const, storeNames: [], remaining: 500, unavailable: null, held: 0, tierIds: [], issued: 0, ownerStoreId: null, editable: true };
  expect(formOf(view)).toEqual({ ...form, amountOff: '', rate: '', cap: '', giftName: '' });
});
