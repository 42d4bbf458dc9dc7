import postgres from 'postgres';

/**
 * What Kysely's postgres.js dialect uses of a reserved connection: one statement at a time, then release().
 */
export interface Reservation {
  unsafe(text: string, parameters?: unknown[]): Promise<postgres.RowList<postgres.Row[]>>;
  release(): void;
}

export interface Reservations {
  reserve(): Promise<Reservation>;
  end(options?: { timeout?: number }): Promise<void>;
}

type Client = postgres.Sql<Record<string, unknown>>;

/** A connection this old is replaced when it is next free (postgres.js's own max_lifetime, 30-60 min, at a safe moment). */
const lifetimeMs = () => (30 + Math.random() * 30) * 60_000;

/**
 * Whether a failed statement says the connection is gone (or never came), rather than that the statement was wrong:
 * anything that is not an error Postgres sent, or one that ends the session (FATAL, connection exceptions, shutdown).
 */
function connectionTrouble(error: unknown): boolean {
  if (!(error instanceof postgres.PostgresError)) return true;
  return error.severity === 'FATAL' || error.severity === 'PANIC' || /^(08|57P0)/.test(error.code);
}

function connectionClosed(): Error {
  return Object.assign(new Error('write CONNECTION_CLOSED: the database connection closed during this transaction'), {
    code: 'CONNECTION_CLOSED',
  });
}

/**
 * `size` connections that Kysely reserves one at a time, safe when Postgres goes away under them.
 *
 * postgres.js (3.4.9, the latest) is not, on a connection that closes while it is reserved (`sql.reserve()`,
 * `sql.begin()`): the next statement written to it throws from a setImmediate and kills the process
 * (porsager/postgres#1154, #1208), and a statement sent between the socket's error and its close is never settled. A
 * Postgres restart under load does both. So each connection here is a postgres.js client of its own (`max: 1`), used
 * through its pool path, which reconnects a closed connection before writing to it, and a client that has seen its
 * connection fail is thrown away, with whatever state it was left in, and replaced by a fresh one before it is handed out
 * again. A reservation whose connection fails runs nothing more: its transaction died with the connection (a ROLLBACK is
 * a no-op), and a statement in flight fails with CONNECTION_CLOSED even when postgres.js forgets to settle it.
 */
export function createReservations(
  url: string,
  options: postgres.Options<Record<string, postgres.PostgresType>>,
  size: number,
): Reservations {
  interface Holder {
    dead: boolean;
    /** Fails the statement in flight, if postgres.js has not settled it. */
    abort?: (error: Error) => void;
  }
  interface Slot {
    sql: Client;
    expiresAt: number;
    /** Its connection failed or closed: replace the client before the next reservation. */
    broken: boolean;
    holder?: Holder;
  }
  const slots: Slot[] = [];
  const free: Slot[] = [];
  const waiting: { resolve: (slot: Slot) => void; reject: (error: Error) => void }[] = [];
  const retired = new Set<Promise<void>>();
  let ending: Promise<void> | undefined;

  const connectTo = (slot: Slot) => {
    const sql = postgres(url, {
      ...options,
      max: 1,
      // Rotated here between reservations instead (see handOut), never in the middle of a transaction.
      max_lifetime: null,
      onclose: () => {
        if (slot.sql !== sql) return;
        slot.broken = true;
        const holder = slot.holder;
        if (!holder) return;
        holder.dead = true;
        // postgres.js settles what it had in flight on a close, except what it sent after the socket failed.
        const abort = holder.abort;
        if (abort) setImmediate(() => abort(connectionClosed()));
      },
    }) as unknown as Client;
    slot.sql = sql;
    slot.broken = false;
    slot.expiresAt = Date.now() + lifetimeMs();
  };
  for (let i = 0; i < size; i += 1) {
    const slot = { broken: false, expiresAt: 0 } as Slot;
    connectTo(slot);
    slots.push(slot);
    free.push(slot);
  }

  /** A fresh client for the slot; the old one is ended (after `timeout` seconds at most for what it still runs). */
  const replace = (slot: Slot, timeout: number) => {
    const done = slot.sql.end({ timeout }).catch(() => {});
    retired.add(done);
    void done.finally(() => retired.delete(done));
    connectTo(slot);
  };

  const handOut = (slot: Slot): Reservation => {
    // Closed while it was free, or old enough to be rotated.
    if (slot.broken) replace(slot, 0);
    else if (Date.now() >= slot.expiresAt) replace(slot, 5);
    const holder: Holder = { dead: false };
    slot.holder = holder;
    let released = false;
    return {
      unsafe(text, parameters = []) {
        if (released) return Promise.reject(new Error('reservation already released'));
        if (holder.dead) {
          // The server ended the transaction with the connection: there is nothing to roll back.
          if (/^\s*rollback\s*$/i.test(text)) return Promise.resolve(Object.assign([], { command: 'ROLLBACK', count: 0 }) as never);
          return Promise.reject(connectionClosed());
        }
        return new Promise((resolve, reject) => {
          let settled = false;
          const settle = (fn: () => void) => {
            if (settled) return;
            settled = true;
            holder.abort = undefined;
            fn();
          };
          holder.abort = (error) => settle(() => reject(error));
          slot.sql.unsafe(text, parameters as postgres.ParameterOrJSON<never>[]).then(
            (rows) => settle(() => resolve(rows as never)),
            (error: unknown) => {
              if (connectionTrouble(error)) {
                holder.dead = true;
                slot.broken = true;
              }
              settle(() => reject(error));
            },
          );
        });
      },
      release() {
        if (released) return;
        released = true;
        holder.abort = undefined;
        slot.holder = undefined;
        // At once: a connection still open may be in a transaction nobody will end (its ROLLBACK was skipped).
        if (slot.broken) replace(slot, 0);
        const next = waiting.shift();
        if (next) next.resolve(slot);
        else free.push(slot);
      },
    };
  };

  const poolEnded = () => Object.assign(new Error('write CONNECTION_ENDED: the database pool is closed'), { code: 'CONNECTION_ENDED' });
  return {
    async reserve() {
      if (ending) throw poolEnded();
      const slot = free.pop() ?? (await new Promise<Slot>((resolve, reject) => waiting.push({ resolve, reject })));
      return handOut(slot);
    },
    end(endOptions) {
      for (const waiter of waiting.splice(0)) waiter.reject(poolEnded());
      ending ??= Promise.all([...slots.map((slot) => slot.sql.end(endOptions)), ...retired]).then(() => undefined);
      return ending;
    },
  };
}
