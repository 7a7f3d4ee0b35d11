/**
 * `npm run cloud -- --port P --data DIR`: the bare local cloud, a generic CloudBase emulator with no
 * product data. Prints `local cloud ready on http://127.0.0.1:P` once it answers.
 */
import { cloudOptionsFromArgs, exitOnFailure, serve } from './cli';

serve(cloudOptionsFromArgs()).catch(exitOnFailure);
