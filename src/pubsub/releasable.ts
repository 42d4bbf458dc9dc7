import type { Listener } from './pubsub.ts';

/**
 * An async generator queues return() behind a pending next(): while a stream waits for a live event (which may never
 * come) a client's "complete" would do nothing, and the subscription (its Redis channel, context and loaders) would stay
 * until the topic's next event. A generator returned before it started never runs its finally either. So returning the
 * stream returns the listener first: the wait ends at once, and the channel is released either way.
 */
export function releasable<T>(listener: Listener<unknown>, stream: AsyncGenerator<T>): AsyncIterableIterator<T> {
  const iterator: AsyncIterableIterator<T> = {
    next: () => stream.next(),
    return: async (value?: unknown) => {
      await listener.return?.();
      return stream.return(value);
    },
    throw: async (error?: unknown) => {
      await listener.return?.();
      return stream.throw(error);
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
