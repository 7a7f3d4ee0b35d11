/** Never finishes within its 1 s timeout: a busy loop (no await) proves the instance is really stopped. */
export async function main(event: { busy?: boolean; ms?: number }) {
  if (event.busy) for (;;);
  await new Promise((resolve) => setTimeout(resolve, event.ms ?? 5000));
  return { slept: event.ms };
}
