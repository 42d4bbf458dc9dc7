const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `date.toISOString()`, about twice as fast: V8's (Node 20) takes ~420 ns per call, and a conversation list
 * serialises a `joinedAt` for each of its ~2,000 members (8% of the list's server CPU in a profile). Years outside
 * 1000–9999 (below, toISOString pads the year with zeros; above, it writes a sign and six digits) and invalid dates
 * go to toISOString.
 */
export function formatIsoDateTime(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toISOString();
  return `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}T${pad2(date.getUTCHours())}:${pad2(
    date.getUTCMinutes(),
  )}:${pad2(date.getUTCSeconds())}.${pad3(date.getUTCMilliseconds())}Z`;
}
