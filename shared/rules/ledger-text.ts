/** The reasons a member reads in their points history; one builder per ledger entry kind. */

export function earnReason(orderNo: string): string {
  return `消费积分（订单 ${orderNo}）`;
}

export function welcomeReason(): string {
  return '入会礼';
}

export function reverseReason(orderNo: string): string {
  return `撤销消费（订单 ${orderNo}）`;
}

/** Reads as "the points of `year`": pass the Shanghai year the expiring lots were earned in (2026 for the sweep at 2028-01-01). */
export function expireReason(year: number): string {
  return `${year}年积分到期`;
}

export function adjustReason(note: string): string {
  return note.trim() === '' ? '人工调整' : `人工调整（${note.trim()}）`;
}

export function exchangeReason(couponName: string): string {
  return `兑换优惠券「${couponName}」`;
}
