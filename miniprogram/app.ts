import { CLOUD_ENV_ID } from './config/env';

App({
  onLaunch() {
    // wx.cloud is absent on base libraries without cloud support; the app then still opens instead of
    // crashing on launch.
    if (wx.cloud) {
      wx.cloud.init({ env: CLOUD_ENV_ID, traceUser: true });
    }
  },
});
