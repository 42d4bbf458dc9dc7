import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type LogEvent } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import { createReservations } from './reservations.ts';
import type { SqlSession } from './session.ts';
import { parseTimestamptz } from './parse-timestamptz.ts';
import type { Database } from './types.ts';

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Statements run since start: read by tests that prove a page costs a fixed number of them. */
  statements: () => number;
  /** Connections of the pool by state, for /metrics (PGlite has one, always). */
  pool: () => { inUse: number; waiting: number; max: number };
  /** A dedicated connection for multi-statement scripts (migrations, seed). */
  session: () => Promise<SqlSession>;
  close: () => Promise<void>;
}

export interface ConnectOptions {
  /** A postgres:// URL; without one the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite's folder; `memory://` keeps it in memory. */
  dataDir?: string;
  poolSize?: number;
  onError?: (event: LogEvent) => void;
}

const INT8_OID = 20;
const TIMESTAMPTZ_OID = 1184;

/**
 * Both drivers hand back the same JS values: int8 (counts, sequence numbers) as number, since every int8 we store stays
 * far below 2^53; timestamptz as Date (postgres.js's own serialiser, a faster parser); jsonb parsed.
 */
function int8ToNumber(value: string | number): number {
  return typeof value === 'number' ? value : Number(value);
}

export function connect(options: ConnectOptions): DbHandle {
  let statements = 0;
  const log = (event: LogEvent) => {
    statements += 1;
    if (event.level === 'error') options.onError?.(event);
  };

  if (options.databaseUrl) {
    const clientOptions = {
      onnotice: () => {},
      connection: { application_name: 'uvian-api' },
      types: {
        int8: { to: INT8_OID, from: [INT8_OID], serialize: (v: number) => String(v), parse: int8ToNumber },
        timestamptz: {
          to: TIMESTAMPTZ_OID,
          from: [TIMESTAMPTZ_OID],
          serialize: (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString(),
          parse: parseTimestamptz,
        },
      },
      // Postgres down: a statement fails within seconds rather than waiting for postgres.js's backoff (up to 20 s) or
      // connect timeout (30 s); once it is back, the next statement reconnects.
      connect_timeout: 10,
      backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, 1) * (0.5 + Math.random() / 2),
    };
    // Migrations and seed only (session()); Kysely's statements go through `reservations`.
    const client = postgres(options.databaseUrl, { ...clientOptions, max: options.poolSize ?? 10 });
    const reservations = createReservations(options.databaseUrl, clientOptions, options.poolSize ?? 10);
    const pool = { inUse: 0, waiting: 0, max: options.poolSize ?? 10 };
    // postgres.js keeps its pool to itself: counting the reservations Kysely makes tells how busy it is.
    const counted = {
      reserve: async () => {
        pool.waiting += 1;
        let reserved;
        try {
          reserved = await reservations.reserve();
        } finally {
          pool.waiting -= 1;
        }
        pool.inUse += 1;
        const release = reserved.release.bind(reserved);
        reserved.release = () => {
          pool.inUse -= 1;
          release();
        };
        return reserved;
      },
      end: async (options?: { timeout?: number }) => {
        await Promise.all([reservations.end(options), client.end(options)]);
      },
    } as unknown as postgres.Sql;
    const db = new Kysely<Database>({ dialect: new PostgresJSDialect({ postgres: async () => counted }), log });
    return {
      db,
      kind: 'postgres',
      statements: () => statements,
      pool: () => ({ ...pool }),
      session: async () => {
        const reserved = await client.reserve();
        return {
          run: async (script) => {
            await reserved.unsafe(script);
          },
          query: async <Row,>(text: string, params: unknown[] = []) =>
            (await reserved.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as Row[],
          release: async () => reserved.release(),
        };
      },
      close: async () => {
        // A bounded wait: in-flight queries get 5 s, and an unreachable server does not hold the shutdown up.
        await Promise.all([reservations.end({ timeout: 5 }), client.end({ timeout: 5 })]);
        await db.destroy();
      },
    };
  }

  const dataDir = options.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, { parsers: { [INT8_OID]: int8ToNumber } });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), log });
  return {
    db,
    kind: 'pglite',
    statements: () => statements,
    pool: () => ({ inUse: 0, waiting: 0, max: 1 }),
    session: async () => ({
      run: async (script) => {
        await pglite.exec(script);
      },
      query: async <Row,>(text: string, params: unknown[] = []) => (await pglite.query<Row>(text, params)).rows,
      release: async () => {},
    }),
    close: () => db.destroy(),
  };
}
