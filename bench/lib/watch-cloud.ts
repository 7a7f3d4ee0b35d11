import type { TestCloud } from '../../emulator/testing';

const KEPT_CHARS = 8000;

/**
 * startTestCloud stops surfacing the child's output once it is ready, so a crash (or a stray signal
 * from another process) mid-benchmark would show only as a failed request. This keeps the tail of the
 * output and prints it if the process ends without this run asking it to.
 */
export function watchCloud(cloud: TestCloud, label: string): void {
  let tail = '';
  let asked = false;
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-KEPT_CHARS);
  };
  cloud.child.stdout?.on('data', keep);
  cloud.child.stderr?.on('data', keep);
  for (const method of ['stop', 'restart', 'kill9'] as const) {
    const original = cloud[method].bind(cloud) as () => Promise<never>;
    cloud[method] = () => {
      asked = true;
      return original();
    };
  }
  cloud.child.once('exit', (code, signal) => {
    if (asked) return;
    process.stderr.write(`\n[${label}] local cloud (pid ${cloud.child.pid}) exited unasked (code ${code}, signal ${signal}); its last output:\n${tail}\n`);
  });
}
