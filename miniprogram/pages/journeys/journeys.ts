import { loadState } from '../../behaviors/load-state';
import { reloadOnReturn } from '../../behaviors/reload-on-return';
import { callAutomation, toActionFailure } from '../../services/cloud';
import type { JourneySummaryView } from '../../shared/contracts/automation-views';
import { getStaffProfile } from '../../stores/staff-profile';
import type { VantEvent } from '../../types/vant-event';

/**
 * 自动化旅程 (营销 SOP): every journey with its entry, step count and figures (in it now, entered,
 * converted), one automation.journeys call. Admins switch a journey on or off here (a journey with
 * problems cannot be switched on: the row says what is missing) and open the editor; managers read.
 */
interface Row {
  id: string;
  name: string;
  builtIn: boolean;
  on: boolean;
  entryText: string;
  stepsText: string;
  active: number;
  entered: number;
  converted: number;
  problem: string;
  switching: boolean;
}

type Data = { rows: Row[]; admin: boolean };

type RowTap = WechatMiniprogram.TouchEvent<WechatMiniprogram.IAnyObject, WechatMiniprogram.IAnyObject, { id: string; index: number }>;

type Methods = {
  onLoad(): void;
  onOpen(event: RowTap): void;
  onToggle(event: Omit<VantEvent<boolean>, 'currentTarget'> & { currentTarget: { dataset: { id: string; index: number } } }): void;
  onCreate(): void;
  /** The switch sits on a tappable row: its taps stay with it. */
  onSwitchArea(): void;
  _reload(): void;
};

function toRow(journey: JourneySummaryView): Row {
  return {
    id: journey.id,
    name: journey.name,
    builtIn: journey.builtIn !== null,
    on: journey.status === 'active',
    entryText: journey.entryText,
    stepsText: `${journey.stepCount} 个步骤`,
    active: journey.active,
    entered: journey.entered,
    converted: journey.converted,
    problem: journey.problems[0]?.message ?? '',
    switching: false,
  };
}

Component<Data, {}, Methods, [typeof loadState, typeof reloadOnReturn], {}, true>({
  behaviors: [loadState, reloadOnReturn],
  data: { rows: [], admin: false },
  methods: {
    onLoad() {
      this.setData({ admin: getStaffProfile()?.role === 'admin' });
      this._reload();
    },

    _reload() {
      void this._load(
        () => callAutomation('journeys', {}),
        (view) => ({ rows: view.journeys.map(toRow) }),
      );
    },

    onOpen(event) {
      this._openForChange(`/pages/journey-edit/journey-edit?journeyId=${encodeURIComponent(event.currentTarget.dataset.id)}`);
    },

    onSwitchArea() {},

    onCreate() {
      this._openForChange('/pages/journey-edit/journey-edit');
    },

    onToggle(event) {
      const { id, index } = event.currentTarget.dataset;
      const row = this.data.rows[index];
      if (!row || row.id !== id || row.switching) return;
      const status = event.detail === true ? 'active' : 'paused';
      this.setData({ [`rows[${index}].switching`]: true });
      callAutomation('setJourneyStatus', { journeyId: id, status }).then(
        (journey) => this.setData({ [`rows[${index}]`]: toRow(journey) }),
        (error: unknown) => {
          const failure = toActionFailure(error);
          this.setData({ [`rows[${index}].switching`]: false });
          // JOURNEY_INVALID says which step is missing what.
          wx.showToast({ title: failure.headline, icon: 'none' });
        },
      );
    },
  },
});
