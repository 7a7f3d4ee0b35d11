import { z } from 'zod';

/**
 * Chinese defaults for every zod issue a contract does not word itself, so no English validation text
 * ever reaches a shopper or a clerk. Contracts still give the precise message where it matters
 * ("请输入11位手机号"); this is the floor under them. Installed once per process by the dispatcher.
 */
const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  object: '对象',
  array: '列表',
  date: '日期',
};

interface Issue {
  code: string;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  input?: unknown;
}

export function chineseMessage(raw: Issue): string {
  switch (raw.code) {
    case 'invalid_type':
      if (raw.input === undefined) return '此项必填';
      if (raw.expected === 'int') return '须为整数';
      return `须为${TYPE_NAMES[raw.expected ?? ''] ?? '正确的格式'}`;
    case 'too_small':
      if (raw.origin === 'string') return Number(raw.minimum) <= 1 ? '不能为空' : `至少${raw.minimum}个字`;
      if (raw.origin === 'array' || raw.origin === 'set') return `至少${raw.minimum}项`;
      return `不能小于${raw.minimum}`;
    case 'too_big':
      if (raw.origin === 'string') return `最多${raw.maximum}个字`;
      if (raw.origin === 'array' || raw.origin === 'set') return `最多${raw.maximum}项`;
      return `不能大于${raw.maximum}`;
    case 'invalid_value':
      return '选项无效';
    case 'unrecognized_keys':
      return '包含不支持的字段';
    case 'not_multiple_of':
      return '数值无效';
    default:
      return '格式不正确';
  }
}

let installed = false;

export function installChineseMessages(): void {
  if (installed) return;
  z.config({ customError: (issue) => chineseMessage(issue as unknown as Issue) });
  installed = true;
}
