import { checkTemplateData } from './template-data';

const valid = (key: string, value: string | number) => checkTemplateData({ [key]: { value } }).ok;

describe('checkTemplateData', () => {
  it.each([
    ['thing1', 'a'.repeat(20), 'a'.repeat(21)],
    ['short_thing1', '五个字符呀', '六个字符呀呀'],
    ['number1', '12.50', '12a'],
    ['number2', '9'.repeat(32), '9'.repeat(33)],
    ['letter1', 'abcXYZ', 'abc1'],
    ['symbol1', '%%-+', 'a'],
    ['character_string1', 'NO.2025-0301 A', '单号'],
    ['time1', '15:01', '15点01分'],
    ['time2', '2019年10月1日 15:01', '10:00～12:00'],
    ['time3', '2025-03-01 10:00 ~ 2025-03-01 12:00', 'tomorrow'],
    ['date1', '2019年10月1日', '1st October'],
    ['amount1', '100元', '¥12345678901'],
    ['amount2', '¥8.88', '8.888'],
    ['phone_number1', '+86-0766-66888866', '1380013800x'],
    ['car_number1', '粤A8Z888挂', '粤A8Z8888挂'],
    ['name1', '张三', '张三1'],
    ['name2', 'a'.repeat(20), '张'.repeat(11)],
    ['phrase1', '配送中', 'OK'],
  ])('%s accepts %j and rejects %j', (key, good, bad) => {
    expect(valid(key, good)).toBe(true);
    expect(valid(key, bad)).toBe(false);
  });

  it('reads numbers as text, as WeChat does', () => {
    expect(checkTemplateData({ number1: { value: 120 } })).toEqual({ ok: true, data: { number1: { value: '120' } } });
  });

  it('names the failing keyword the way WeChat does', () => {
    expect(checkTemplateData({ thing1: { value: 'ok' }, thing2: { value: '' } })).toEqual({
      ok: false,
      errmsg: 'argument invalid! data.thing2.value is empty',
    });
    const long = checkTemplateData({ thing3: { value: 'x'.repeat(21) } });
    expect(long.ok === false && long.errmsg.startsWith('argument invalid! data.thing3.value invalid')).toBe(true);
  });

  it('rejects missing data and non-string values', () => {
    expect(checkTemplateData(undefined).ok).toBe(false);
    expect(checkTemplateData({}).ok).toBe(false);
    expect(checkTemplateData({ thing1: 'bare string' }).ok).toBe(false);
    expect(checkTemplateData({ thing1: { value: { nested: true } } }).ok).toBe(false);
  });

  it('accepts keyword types it has no rule for', () => {
    expect(valid('enum1', 'anything at all, even long ones beyond twenty')).toBe(true);
  });
});
