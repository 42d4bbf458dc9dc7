import type { TestApi } from './api.ts';

/** A counter's values by its `result` label, as the server's /metrics reports them now (0 for a result not yet seen). */
export async function resultCounts<Result extends string>(
  api: TestApi,
  metric: string,
  results: readonly Result[],
): Promise<Record<Result, number>> {
  const lines = (await (await fetch(`${api.url}/metrics`)).text()).split('\n');
  const value = (result: string) =>
    Number(lines.find((line) => line.startsWith(`${metric}{result="${result}"} `))?.split(' ')[1] ?? 0);
  return Object.fromEntries(results.map((result) => [result, value(result)])) as Record<Result, number>;
}
