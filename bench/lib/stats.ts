/** Small helpers shared by the sections: percentiles, rounding, a GraphQL POST, waiting. */

/** The p-th percentile (0-100) of an ascending array (nearest rank); NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const round = (x: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** 1234.5 -> "1,235"; small numbers keep `digits` decimals. */
export const fmt = (x: number, digits = 0) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  body: string;
  json: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** One GraphQL request over HTTP (POST, JSON). */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  let json: GraphQLResponse<T>['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: response.status, body: text, json };
}
