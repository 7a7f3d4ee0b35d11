import type { ParsedInputOf } from '../../../shared/contracts/action';
import type { AutomationContract } from '../../../shared/contracts/automation';
import type { MessageSettingsView } from '../../../shared/contracts/automation-views';
import { mergeMessageSettings, messageSettingsProblems, type MessageSettings } from '../../../shared/rules/message-settings';
import { MESSAGE_TEMPLATE_KEYS, MESSAGE_TEMPLATES } from '../../../shared/rules/message-templates';
import { audit } from '../../../server/audit';
import { _, db } from '../../../server/cloud';
import type { RequestContext } from '../../../server/dispatch';
import { C, type MessageDoc } from '../../../server/documents';
import { AppError } from '../../../server/errors';
import { brandSettings, saveBrandSettings } from '../../../server/settings';
import { requireRole } from '../../../server/roles';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

async function view(settings: MessageSettings, now: Date): Promise<MessageSettingsView> {
  const { list } = await db
    .collection<MessageDoc>(C.messages)
    .aggregate()
    .match({ createdAt: _.gte(new Date(now.getTime() - WEEK_MS)) })
    .group({ _id: { template: '$template', status: '$status' }, n: db.command.aggregate.sum(1) })
    .end();
  const rows = list as Array<{ _id: { template: string; status: string }; n: number }>;
  const count = (template: string, statuses: string[]) => rows.filter((r) => r._id.template === template && statuses.includes(r._id.status)).reduce((sum, r) => sum + r.n, 0);
  return {
    settings,
    templates: MESSAGE_TEMPLATE_KEYS.map((key) => ({
      key,
      title: MESSAGE_TEMPLATES[key].title,
      description: MESSAGE_TEMPLATES[key].description,
      keywords: MESSAGE_TEMPLATES[key].keywords,
      templateId: settings.templateIds[key],
      sent: count(key, ['sent']),
      refused: count(key, ['refused']),
      failed: count(key, ['failed', 'stale', 'unknown']),
      waiting: count(key, ['pending', 'sending']),
    })),
  };
}

export async function messageSettings(_input: unknown, ctx: RequestContext): Promise<MessageSettingsView> {
  await requireRole(ctx.openid, ['admin']);
  return view((await brandSettings()).messages, ctx.now);
}

/** Changes the message settings (admins): checked as a whole, saved in settings/brand, audited. */
export async function updateMessageSettings(input: ParsedInputOf<AutomationContract, 'updateMessageSettings'>, ctx: RequestContext): Promise<MessageSettingsView> {
  const staff = await requireRole(ctx.openid, ['admin']);
  const current = (await brandSettings()).messages;
  const next = mergeMessageSettings({ ...current, ...input, templateIds: { ...current.templateIds, ...input.templateIds } } as MessageSettings);
  const problems = messageSettingsProblems(next);
  if (problems.length) throw new AppError('MESSAGE_SETTINGS_INVALID', Object.fromEntries(problems.map((p) => [p.field, p.message])));
  await saveBrandSettings({ messages: next }, staff._id, ctx.now, () => {
    throw new AppError('SETTINGS_INVALID');
  });
  await audit(staff, { action: 'settings_change', detail: '修改订阅消息设置' }, ctx.now);
  return view(next, ctx.now);
}
