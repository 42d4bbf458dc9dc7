import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Db } from './connect.ts';

/** Stands in for an argument while a query is compiled; replaced by the argument's value on every run. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A query of the hottest paths built and compiled by Kysely once, then run with new arguments: Kysely builds and
 * compiles a query's tree on every execution, a twentieth of a message page's CPU. `build` gets a placeholder for
 * each argument (use it where the value goes, as a value); the compiled text is kept and each run binds the values.
 */
export function prepared<Args extends Record<string, unknown>, Row>(
  build: (db: Db, arg: <K extends keyof Args & string>(name: K) => Args[K]) => Compilable<Row>,
) {
  let compiled: CompiledQuery<Row> | undefined;
  return async (db: Db, args: Args): Promise<Row[]> => {
    compiled ??= build(db, (name) => new Slot(name) as never).compile();
    const parameters = compiled.parameters.map((value) => (value instanceof Slot ? args[value.name] : value));
    const result: QueryResult<Row> = await db.executeQuery({ ...compiled, parameters });
    return result.rows;
  };
}
