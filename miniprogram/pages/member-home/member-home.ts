import { formatFen } from '../../shared/format/money';
import { MEMBER_HOME_PATH } from '../../config/tabs';
import { selectTab } from '../../utils/select-tab';

Component({
  data: {
    /** Empty until a member record is loaded; the balance line stays hidden meanwhile. */
    balanceText: '',
  },
  methods: {
    onShow() {
      selectTab(this, MEMBER_HOME_PATH);
    },

    /** Entry point for the member record loaded in the next iteration. */
    _showBalance(balanceFen: number) {
      this.setData({ balanceText: formatFen(balanceFen) });
    },
  },
});
