/**
 * A client request id for an action the server makes idempotent (claim, exchange): kept for a retry
 * of the same intent after a lost answer, so the retry cannot act twice; dropped once answered.
 */
export function newRequestId(): string {
  let id = Date.now().toString(36);
  while (id.length < 20) id += Math.floor(Math.random() * 36).toString(36);
  return id;
}

export class PendingRequests {
  private readonly ids = new Map<string, string>();

  /** The id for this intent: the one still waiting for an answer, or a new one. */
  idFor(intent: string): string {
    let id = this.ids.get(intent);
    if (!id) this.ids.set(intent, (id = newRequestId()));
    return id;
  }

  /** The server answered (either way): the next tap is a new request. */
  settle(intent: string): void {
    this.ids.delete(intent);
  }

  /** Runs the call under this intent's id; an answer settles it, a lost one keeps the id for the retry. */
  run<T>(intent: string, call: (requestId: string) => Promise<T>, isLost: (error: unknown) => boolean): Promise<T> {
    return call(this.idFor(intent)).then(
      (value) => {
        this.settle(intent);
        return value;
      },
      (error: unknown) => {
        if (!isLost(error)) this.settle(intent);
        throw error;
      },
    );
  }
}
