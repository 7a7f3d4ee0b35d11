/**
 * `npm start`: the local cloud with this product's demo brand. The same flags and defaults as
 * `npm run cloud` (emulator/cli.ts); on an empty data folder it seeds the demo, then prints how to
 * act as a shopper and as a clerk. The demo lives here, not in the emulator, which knows no product.
 */
import { cloudOptionsFromArgs, exitOnFailure, serve } from '../emulator/cli';
import { demoInstructions } from '../demo/instructions';
import { seedDemoIfEmpty } from '../demo/seed';

serve(cloudOptionsFromArgs(), async (cloud) => demoInstructions(cloud.url, await seedDemoIfEmpty(cloud))).catch(exitOnFailure);
