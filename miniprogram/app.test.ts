// Defines the global wx (and its API mocks) the app code runs against.
import 'miniprogram-simulate';
import * as demo from './fixtures/demo';
import { byAction, installCloud, offline, ok } from './test-support/cloud';

type AppOptions = { onLaunch(): void };

/** simulate has no App(); capture the options app.ts registers and run onLaunch by hand. */
function launchApp(): typeof import('./stores/staff-role') {
  let options: AppOptions | undefined;
  (globalThis as unknown as { App: (o: AppOptions) => void }).App = (o) => (options = o);
  require('./app');
  options!.onLaunch();
  return require('./stores/staff-role');
}

async function flush(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('app launch', () => {
  beforeEach(() => {
    jest.resetModules();
  });

  it('asks staff.me once and shows the staff tab to staff', async () => {
    const cloud = installCloud(byAction({ 'staff.me': ok(demo.staff) }));
    const role = launchApp();
    await flush();
    expect(cloud.calls).toEqual([{ name: 'staff', action: 'me', payload: {} }]);
    expect(role.getIsStaff()).toBe(true);
  });

  it('keeps the staff tab hidden for shoppers and when the call fails', async () => {
    installCloud(byAction({ 'staff.me': ok(null) }));
    expect(launchApp().getIsStaff()).toBe(false);
    await flush();

    jest.resetModules();
    installCloud(offline);
    const role = launchApp();
    await flush();
    expect(role.getIsStaff()).toBe(false);
  });
});
