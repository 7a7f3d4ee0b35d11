import { _ } from './cloud';
import { AppError } from './errors';

/**
 * Cursor paging on (field desc, _id desc): a total order, so every document is reached once however
 * many share a value, and new documents never shift a page. Dates travel as milliseconds; a null value
 * (a member who never bought) sorts after every value, as the database sorts it.
 */
export interface ListCursor {
  value: number | null;
  id: string;
}

export function encodeCursor(value: Date | number | null, id: string): string {
  const v = value === null ? 'n' : (value instanceof Date ? value.getTime() : value).toString(36);
  return `${v}.${id}`;
}

export function decodeCursor(cursor: string): ListCursor {
  const dot = cursor.indexOf('.');
  const head = cursor.slice(0, dot);
  const id = cursor.slice(dot + 1);
  const value = head === 'n' ? null : parseInt(head, 36);
  if (dot < 1 || !id || (value !== null && Number.isNaN(value))) throw new AppError('INVALID_INPUT', { cursor: '分页参数无效' });
  return { value, id };
}

/** The condition for "after the cursor" in descending order of `field` (a date field when `isDate`). */
export function afterCursor(field: string, cursor: ListCursor, isDate: boolean): Record<string, unknown> {
  if (cursor.value === null) return { [field]: null, _id: _.lt(cursor.id) };
  const value = isDate ? new Date(cursor.value) : cursor.value;
  return _.or([{ [field]: _.lt(value) }, { [field]: value, _id: _.lt(cursor.id) }, { [field]: null }]);
}
