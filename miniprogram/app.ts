import { CLOUD_ENV_ID } from './config/env';
import { callStaff } from './services/cloud';
import { setIsStaff } from './stores/staff-role';

App({
  onLaunch() {
    // wx.cloud is absent on base libraries without cloud support; the app then still opens instead of
    // crashing on launch.
    if (!wx.cloud) return;
    wx.cloud.init({ env: CLOUD_ENV_ID, traceUser: true });
    // The staff tab must appear without first visiting a staff screen, so the role is asked once per
    // launch here — outside any screen, which keeps "one call per screen" for the pages. staff-home
    // asks again when shown and staff-bind sets it on success; a failure here just leaves the tab
    // hidden until then.
    callStaff('me', {}).then(
      (staff) => setIsStaff(staff !== null),
      () => undefined,
    );
  },
});
