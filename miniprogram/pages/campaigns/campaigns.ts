import { loadState } from '../../behaviors/load-state';
import { pagedList, type ListPage } from '../../behaviors/paged-list';
import { reloadOnReturn } from '../../behaviors/reload-on-return';
import { callAutomation } from '../../services/cloud';
import type { OutputOf } from '../../shared/contracts/action';
import type { AutomationContract } from '../../shared/contracts/automation';
import type { CampaignView } from '../../shared/contracts/automation-views';
import { campaignRow, type CampaignRow } from '../../utils/campaign-text';

/**
 * 营销活动: the campaigns a manager (their store's) or an admin (all) made, newest first, with their
 * figures; 新建活动 opens the builder, a campaign its figures. One automation.campaigns call a page.
 */
type Data = { campaigns: CampaignRow[] };
type Answer = OutputOf<AutomationContract, 'campaigns'>;

type Methods = {
  onLoad(): void;
  onOpen(event: WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { id: string }>): void;
  onCreate(): void;
  _fetchPage(cursor: string | null): Promise<Answer>;
  _toPage(view: Answer): ListPage<CampaignRow>;
  _rowsKey(): 'campaigns';
};

Component<Data, {}, Methods, [typeof loadState, typeof pagedList, typeof reloadOnReturn], {}, true>({
  behaviors: [loadState, pagedList, reloadOnReturn],
  data: { campaigns: [] },
  methods: {
    onLoad() {
      this._reload();
    },

    _fetchPage(cursor) {
      return callAutomation('campaigns', cursor ? { cursor } : {});
    },

    _toPage(view) {
      const now = new Date();
      return { rows: view.campaigns.map((c: CampaignView) => campaignRow(c, now)), nextCursor: view.nextCursor };
    },

    _rowsKey() {
      return 'campaigns';
    },

    onOpen(event) {
      this._openForChange(`/pages/campaign-detail/campaign-detail?campaignId=${encodeURIComponent(event.currentTarget.dataset.id)}`);
    },

    onCreate() {
      this._openForChange('/pages/campaign-edit/campaign-edit');
    },
  },
});
