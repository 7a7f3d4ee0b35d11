import { STAFF_HOME_PATH } from '../../config/tabs';
import { selectTab } from '../../utils/select-tab';

Component({
  methods: {
    onShow() {
      selectTab(this, STAFF_HOME_PATH);
    },
  },
});
