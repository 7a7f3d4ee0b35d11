import { packMiniprogramNpm } from './lib/pack-npm';

packMiniprogramNpm()
  .then(({ packages, warnings }) => {
    console.log(`pack-npm → miniprogram/miniprogram_npm: ${packages} package(s)`);
    for (const warning of warnings) console.warn(`  warning: ${warning}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
