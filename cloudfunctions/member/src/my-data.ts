import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { MemberContract } from '../../../shared/contracts/member';
import type { DataExportView, MyDataView } from '../../../shared/contracts/views';
import { CLOSE_CONFIRMATION, CLOSING_CONSEQUENCES, dataSummary, exportPath, type DataCounts } from '../../../shared/rules/my-data';
import { rollingGrowth } from '../../../shared/rules/growth';
import { tierById } from '../../../shared/rules/tiers';
import { auditMemberAct } from '../../../server/audit';
import { db, storage, type Doc, type Stored } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type DataExportDoc, type MemberDoc } from '../../../server/documents';
import { getById, insertOnce, requireMember, storeById } from '../../../server/queries';
import { brandSettings } from '../../../server/settings';

/** A temporary link lives an hour: long enough to save the file, short enough not to linger in chats. */
const LINK_SECONDS = 3600;
const PAGE = 1000;

/** The records kept on a member, one collection each: what myData counts and an export reads whole. */
const OWN_RECORDS: Record<keyof DataCounts, { collection: string; owner: string; order: string }> = {
  purchases: { collection: C.purchases, owner: 'memberId', order: 'paidAt' },
  pointsEntries: { collection: C.ledger, owner: 'memberId', order: 'createdAt' },
  coupons: { collection: C.coupons, owner: 'memberId', order: 'grantedAt' },
  interactions: { collection: C.interactions, owner: 'memberId', order: 'at' },
  tierChanges: { collection: C.tierChanges, owner: 'memberId', order: 'at' },
  invitations: { collection: C.referrals, owner: 'referrerId', order: 'joinedAt' },
};
const RECORD_KINDS = Object.keys(OWN_RECORDS) as Array<keyof DataCounts>;

async function counts(memberId: string): Promise<DataCounts> {
  const totals = await Promise.all(RECORD_KINDS.map(async (kind) => (await db.collection(OWN_RECORDS[kind].collection).where({ [OWN_RECORDS[kind].owner]: memberId }).count()).total));
  return Object.fromEntries(RECORD_KINDS.map((kind, i) => [kind, totals[i]])) as unknown as DataCounts;
}

/** Every document of one kind that belongs to the member, oldest first, in pages of the cloud's maximum. */
async function all(kind: keyof DataCounts, memberId: string): Promise<Doc[]> {
  const { collection, owner, order } = OWN_RECORDS[kind];
  const rows: Doc[] = [];
  for (;;) {
    const { data } = await db.collection<Doc>(collection).where({ [owner]: memberId }).orderBy(order, 'asc').orderBy('_id', 'asc').skip(rows.length).limit(PAGE).get();
    rows.push(...data);
    if (data.length < PAGE) return rows;
  }
}

/** The summary and what the page and the file share; `counting` gives the record counts (counted, or the export's lengths). */
async function describe(member: Stored<MemberDoc>, now: Date, counting: Promise<DataCounts>) {
  const [settings, store, counted] = await Promise.all([brandSettings(), member.homeStoreId ? storeById(member.homeStoreId) : null, counting]);
  const tier = tierById(settings.tiers, member.tierId);
  const summary = dataSummary({
    name: member.name,
    phone: member.phone,
    joinedAt: member.joinedAt,
    homeStoreName: store?.name ?? '',
    tierName: tier.name,
    points: member.pointsBalance,
    consentVersion: member.consent.version,
    consentAt: member.consent.agreedAt,
    counts: counted,
  });
  return { settings, storeName: store?.name ?? '', tierName: tier.name, growth: rollingGrowth(member.growthBuckets, now, settings.growthWindowMonths), counts: counted, summary };
}

export async function myData(_input: unknown, ctx: RequestContext): Promise<MyDataView> {
  const member = await requireMember(ctx.openid);
  const described = await describe(member, ctx.now, counts(member._id));
  return {
    profile: { name: member.name, phone: member.phone, gender: member.gender, birthday: member.birthday, birthdayLocked: member.birthday !== null },
    joinedAt: member.joinedAt.toISOString(),
    homeStoreName: described.storeName,
    tierName: described.tierName,
    points: member.pointsBalance,
    consent: { version: member.consent.version, agreedAt: member.consent.agreedAt.toISOString() },
    counts: described.counts,
    summary: described.summary,
    closing: { consequences: [...CLOSING_CONSEQUENCES], confirmation: CLOSE_CONFIRMATION },
  };
}

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : value ?? null);

/** The file: what the member sees on the page, then every record kept on them, in plain field names. */
async function exportDocument(member: Stored<MemberDoc>, now: Date): Promise<Record<string, unknown>> {
  const read = await Promise.all(RECORD_KINDS.map((kind) => all(kind, member._id)));
  const records = Object.fromEntries(RECORD_KINDS.map((kind, i) => [kind, read[i]])) as Record<keyof DataCounts, Doc[]>;
  const { purchases, pointsEntries: ledger, coupons, tierChanges, interactions, invitations } = records;
  const described = await describe(member, now, Promise.resolve(Object.fromEntries(RECORD_KINDS.map((kind) => [kind, records[kind].length])) as unknown as DataCounts));
  return {
    brand: described.settings.brandName,
    exportedAt: now.toISOString(),
    summary: described.summary,
    profile: {
      memberId: member._id,
      name: member.name,
      phone: member.phone,
      gender: member.gender,
      birthday: member.birthday,
      joinedAt: iso(member.joinedAt),
      homeStore: described.storeName,
      consent: { version: member.consent.version, agreedAt: iso(member.consent.agreedAt) },
    },
    membership: { tier: described.tierName, growth: described.growth, points: member.pointsBalance, tags: [...(member.manualTags ?? []), ...(member.autoTags ?? [])] },
    purchases: purchases.map((p) => ({ id: p._id, orderNo: p.orderNo, storeId: p.storeId, paidAt: iso(p.paidAt), amountFen: p.amountFen, discountFen: p.discountFen, paidFen: p.paidFen, points: p.points, categories: p.categories, status: p.status })),
    pointsLedger: ledger.map((e) => ({ at: iso(e.createdAt), type: e.type, points: e.points, reason: e.reason, storeId: e.storeId })),
    coupons: coupons.map((c) => ({ name: c.templateName, status: c.status, validFrom: iso(c.validFrom), validUntil: iso(c.validUntil), usedAt: iso(c.usedAt), grantedAt: iso(c.grantedAt) })),
    tierChanges: tierChanges.map((t) => ({ at: iso(t.at), from: t.from, to: t.to, reason: t.reason })),
    interactions: interactions.map((i) => ({ at: iso(i.at), storeId: i.storeId, kind: i.kind, outcome: i.outcome, note: i.note })),
    invitations: invitations.map((r) => ({ joinedAt: iso(r.joinedAt), status: r.status, rewardPoints: r.rewardPoints })),
    messageSubscriptions: member.messageQuota ?? {},
  };
}

export async function exportData(input: ParsedInputOf<MemberContract, 'exportData'>, ctx: RequestContext): Promise<DataExportView> {
  const member = await requireMember(ctx.openid);
  const id = `${member._id}:${input.requestId}`;
  const path = exportPath(member._id, input.requestId);
  const existing = await getById<DataExportDoc>(C.dataExports, id);
  let file = existing;
  let summary: string[];
  if (existing) {
    summary = (await describe(member, ctx.now, counts(member._id))).summary;
  } else {
    const document = await exportDocument(member, ctx.now);
    summary = document.summary as string[];
    const content = Buffer.from(JSON.stringify(document, null, 2), 'utf8');
    const fileId = await storage.upload(path, content);
    file = { _id: id, memberId: member._id, fileId, bytes: content.length, createdAt: ctx.now };
    // A retry that raced this one keeps the first record; both uploaded the same path.
    if (!(await insertOnce<DataExportDoc>(C.dataExports, file))) file = (await getById<DataExportDoc>(C.dataExports, id)) ?? file;
  }
  await auditMemberAct(member, { action: 'data_export', detail: `导出本人数据（${file!.bytes} 字节）` }, ctx.now, `audit:export:${id}`);
  const url = await storage.temporaryUrl(file!.fileId, LINK_SECONDS);
  return {
    fileId: file!.fileId,
    url,
    urlExpiresAt: new Date(ctx.now.getTime() + LINK_SECONDS * 1000).toISOString(),
    fileName: path.split('/').pop()!,
    bytes: file!.bytes,
    summary,
  };
}
