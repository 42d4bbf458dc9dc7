/**
 * One dedicated connection for scripts (migrations, seed): `run` sends a whole multi-statement script with the simple
 * query protocol, `query` one parameterised statement. Kysely cannot do the former on either driver.
 */
export interface SqlSession {
  run(script: string): Promise<void>;
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  release(): Promise<void>;
}

export async function withSession<T>(open: () => Promise<SqlSession>, fn: (session: SqlSession) => Promise<T>): Promise<T> {
  const session = await open();
  try {
    return await fn(session);
  } finally {
    await session.release();
  }
}
