import type { Subscription } from './ws.ts';

/**
 * Reads one subscription in the background, so that a test can wait, with a bound, for "has it seen X yet" while it
 * keeps doing other things; `items` is everything that arrived, in arrival order.
 */
export class Collector<T> {
  readonly items: T[] = [];
  private waiters: (() => void)[] = [];
  private failure: unknown;
  private ended = false;

  constructor(
    readonly label: string,
    subscription: Subscription<unknown>,
    pick: (data: Record<string, unknown>) => T,
  ) {
    void (async () => {
      try {
        for (;;) {
          const result = await subscription.next();
          if (result.errors?.length) throw new Error(`${label}: ${JSON.stringify(result.errors)}`);
          this.items.push(pick(result.data as Record<string, unknown>));
          this.wake();
        }
      } catch (error) {
        if (error instanceof Error && error.message === 'subscription completed') this.ended = true;
        else this.failure = error;
        this.wake();
      }
    })();
  }

  private wake() {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once `predicate` holds for what arrived so far; fails after `timeoutMs`, saying what did arrive. */
  async until(predicate: (items: T[]) => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.items)) {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- passed on as it came (graphql-ws rejects with errors arrays and close events)
      if (this.failure) throw this.failure;
      if (this.ended) throw new Error(`${this.label}: completed while waiting for ${what}; got ${JSON.stringify(this.items)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.label}: still waiting for ${what}; got ${JSON.stringify(this.items)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Like until(), but answers false instead of failing when the time is up. */
  async within(predicate: (items: T[]) => boolean, timeoutMs: number): Promise<boolean> {
    try {
      await this.until(predicate, 'a condition', timeoutMs);
      return true;
    } catch (error) {
      if (error instanceof Error && error.message.includes('still waiting for')) return false;
      throw error;
    }
  }
}
