import type { CustomerListItemView, InteractionView, TaskView } from '../shared/contracts/care-views';
import type { PurchaseView } from '../shared/contracts/views';
import type { BrandSettings } from '../shared/rules/brand-settings';
import { maskPhone } from '../shared/rules/mask';
import { renderScript, taskBucket, TASK_CAUSE_TITLES } from '../shared/rules/task-text';
import { tierById } from '../shared/rules/tiers';
import type { Stored } from './cloud';
import type { MemberWithCare } from './care-fields';
import type { InteractionDoc, PurchaseReceipt, TagDoc, TaskDoc } from './documents';
import { tagViews } from './tag-directory';

/** Care documents → the views the care screens render (shared/contracts/care-views.ts). */

type Named = { store: (id: string | null) => string; staff: (id: string | null) => string };

const LIST_TAGS = 3;

export function customerListItemView(member: MemberWithCare, settings: BrandSettings, named: Named, tags: Map<string, Stored<TagDoc>>): CustomerListItemView {
  const tier = tierById(settings.tiers, member.tierId);
  return {
    memberId: member._id,
    name: member.name,
    phoneMasked: maskPhone(member.phone),
    tierName: tier.name,
    tierColor: tier.color,
    segment: member.segment,
    heat: member.heat,
    lastPurchaseAt: member.lastPurchaseAt ? member.lastPurchaseAt.toISOString() : null,
    spend12mFen: member.spend12mFen,
    servingStaffName: named.staff(member.servingStaffId),
    tags: tagViews(member.autoTags, member.manualTags, tags).slice(0, LIST_TAGS),
  };
}

export function taskView(task: Stored<TaskDoc>, settings: BrandSettings, named: Named, now: Date): TaskView {
  const script = renderScript(settings.care.scripts[task.cause], { ...task.context, storeName: named.store(task.storeId) });
  return {
    taskId: task._id,
    memberId: task.memberId,
    memberName: task.context.name,
    phoneMasked: task.context.phoneMasked,
    cause: task.cause,
    title: task.title || TASK_CAUSE_TITLES[task.cause],
    script: task.note ? `${script}（备注：${task.note}）` : script,
    dueAt: task.dueAt.toISOString(),
    bucket: taskBucket(task.dueAt, now),
    status: task.status,
    ownerName: named.staff(task.ownerStaffId),
    closedAt: task.closedAt ? task.closedAt.toISOString() : null,
    outcome: task.outcome,
  };
}

export function interactionView(interaction: Stored<InteractionDoc>, named: Named): InteractionView {
  return {
    interactionId: interaction._id,
    kind: interaction.kind,
    outcome: interaction.outcome,
    note: interaction.note,
    staffName: named.staff(interaction.staffId),
    storeName: named.store(interaction.storeId),
    at: interaction.at.toISOString(),
    taskId: interaction.taskId,
  };
}

/** A receipt kept on the member as a purchase row (receipts are valid purchases). */
export function receiptPurchaseView(receipt: PurchaseReceipt, named: Named): PurchaseView {
  return {
    purchaseId: receipt.id,
    orderNo: receipt.orderNo,
    amountFen: receipt.amountFen,
    discountFen: receipt.amountFen - receipt.fen,
    paidFen: receipt.fen,
    categories: receipt.categories,
    storeName: named.store(receipt.storeId),
    staffName: named.staff(receipt.staffId),
    pointsEarned: receipt.points,
    growthAdded: receipt.growth,
    status: 'valid',
    paidAt: receipt.at.toISOString(),
  };
}
