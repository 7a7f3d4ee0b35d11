/**
 * Checks subscription-message `data` the way WeChat checks it against a template's keyword types. The
 * local cloud has no template definitions, so the type is read from the key's name (`thing1` → thing),
 * which is how WeChat names template keywords. Rules follow WeChat's subscribeMessage.send documentation;
 * lengths count characters (code points), not bytes.
 */

export type DataCheck = { ok: true; data: Record<string, { value: string }> } | { ok: false; errmsg: string };

const HAN = /\p{Script=Han}/u;
const length = (v: string) => [...v].length;

const DATE = String.raw`(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}月\d{1,2}日)`;
const CLOCK_TIME = String.raw`(?:\d{1,2}:\d{2}(?::\d{2})?)`;
const POINT = String.raw`(?:${DATE}(?:\s*${CLOCK_TIME})?|${CLOCK_TIME})`;
// A time or date may be a range joined by a half-width "~"; WeChat rejects the full-width "～".
const TIME_OR_DATE = new RegExp(String.raw`^${POINT}(?:\s*~\s*${POINT})?$`);

interface Rule {
  test: (value: string) => boolean;
  /** Shown after WeChat's own message, to tell the developer which rule failed. */
  hint: string;
}

const RULES: Record<string, Rule> = {
  thing: { test: (v) => length(v) <= 20, hint: 'thing: at most 20 characters' },
  short_thing: { test: (v) => length(v) <= 5, hint: 'short_thing: at most 5 characters' },
  number: { test: (v) => length(v) <= 32 && /^[-+]?\d+(\.\d+)?$/.test(v), hint: 'number: at most 32 digits, may have decimals' },
  letter: { test: (v) => length(v) <= 32 && /^[A-Za-z]+$/.test(v), hint: 'letter: at most 32 letters' },
  symbol: { test: (v) => length(v) <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(v), hint: 'symbol: at most 5 symbols' },
  character_string: {
    test: (v) => length(v) <= 32 && /^[\x20-\x7e]+$/.test(v),
    hint: 'character_string: at most 32 digits, letters or ASCII symbols (no Chinese)',
  },
  time: { test: (v) => TIME_OR_DATE.test(v), hint: 'time: e.g. 15:01 or 2019年10月1日 15:01, ranges joined by half-width ~' },
  date: { test: (v) => TIME_OR_DATE.test(v), hint: 'date: e.g. 2019年10月1日 or 2019-10-01 15:01, ranges joined by half-width ~' },
  amount: {
    test: (v) => /^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v),
    hint: 'amount: optional currency symbol + at most 10 digits, may have decimals and end with 元',
  },
  phone_number: { test: (v) => length(v) <= 17 && /^[\d+\-() ]+$/.test(v), hint: 'phone_number: at most 17 digits or symbols' },
  car_number: {
    test: (v) => length(v) <= 8 && /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]*[\p{Script=Han}A-Za-z0-9]?$/u.test(v),
    hint: 'car_number: at most 8 characters, Chinese only first or last',
  },
  name: {
    test: (v) => !/\d/.test(v) && (HAN.test(v) ? length(v) <= 10 : length(v) <= 20),
    hint: 'name: at most 10 Chinese characters or 20 letters, no digits',
  },
  phrase: { test: (v) => length(v) <= 5 && /^\p{Script=Han}+$/u.test(v), hint: 'phrase: at most 5 Chinese characters' },
};

export function checkTemplateData(data: unknown): DataCheck {
  if (data === null || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) {
    return { ok: false, errmsg: 'argument invalid! data is empty' };
  }
  const checked: Record<string, { value: string }> = {};
  for (const [key, item] of Object.entries(data as Record<string, unknown>)) {
    const raw = item !== null && typeof item === 'object' ? (item as { value?: unknown }).value : undefined;
    // WeChat reads numbers as their text; anything else is not a keyword value.
    const value = typeof raw === 'number' ? String(raw) : raw;
    if (value === undefined || value === null || value === '') {
      return { ok: false, errmsg: `argument invalid! data.${key}.value is empty` };
    }
    if (typeof value !== 'string') {
      return { ok: false, errmsg: `argument invalid! data.${key}.value invalid (local cloud: value must be a string)` };
    }
    const rule = RULES[key.replace(/\d+$/, '')];
    if (rule && !rule.test(value)) {
      return { ok: false, errmsg: `argument invalid! data.${key}.value invalid (local cloud: ${rule.hint})` };
    }
    checked[key] = { value };
  }
  return { ok: true, data: checked };
}
