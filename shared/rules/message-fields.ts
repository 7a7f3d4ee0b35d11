import { formatShanghai } from '../time/shanghai';
import { keywordType, MESSAGE_TEMPLATES, type MessageTemplateKey } from './message-templates';

/**
 * Values made to fit WeChat's keyword rules before they are sent: WeChat refuses the whole message
 * (47003) when one value breaks its type's rule, so a long coupon name is cut with an ellipsis rather
 * than losing the message. Lengths count characters (code points), as WeChat does.
 */
const LIMITS: Record<string, number> = { thing: 20, character_string: 32, number: 32, name: 10, phrase: 5 };

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** One keyword's value as WeChat accepts it, or null when nothing acceptable remains (an empty value is refused too). */
export function fitKeyword(key: string, value: string | number | Date): string | null {
  const type = keywordType(key);
  if (value instanceof Date) {
    return type === 'date' ? formatShanghai(value, 'YYYY年M月D日') : formatShanghai(value, 'YYYY年M月D日 HH:mm');
  }
  const text = String(value).replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  switch (type) {
    case 'thing':
    case 'name':
      return cut(text, LIMITS[type]);
    case 'character_string':
      return /^[\x20-\x7e]+$/.test(text) ? cut(text, LIMITS.character_string) : null;
    case 'number':
      return /^[-+]?\d{1,32}(\.\d+)?$/.test(text) ? text : null;
    case 'phrase': {
      const han = [...text].filter((c) => /\p{Script=Han}/u.test(c)).join('');
      return han ? [...han].slice(0, LIMITS.phrase).join('') : null;
    }
    default:
      return text;
  }
}

export type TemplateValues = Record<string, string | number | Date>;

/**
 * The `data` of subscribeMessage.send for a template: every keyword filled and fitted. Throws on a
 * missing or unfittable value — a programming error in the cause, caught by the tests, not a send
 * that WeChat would refuse later.
 */
export function messageData(template: MessageTemplateKey, values: TemplateValues): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const keyword of MESSAGE_TEMPLATES[template].keywords) {
    const raw = values[keyword.key];
    const value = raw === undefined ? null : fitKeyword(keyword.key, raw);
    if (value === null) throw new Error(`message ${template}: no acceptable value for ${keyword.key} (${keyword.label})`);
    data[keyword.key] = { value };
  }
  return data;
}
