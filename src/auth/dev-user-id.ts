import { createHash } from 'node:crypto';

/**
 * The id a development token uses for a username: a stable name-based (version 5 shaped) UUID, so `npm run token -- alice`
 * and the seeded demo profile "alice" agree without the token script opening the database.
 */
export function devUserId(username: string): string {
  const bytes = createHash('sha256').update(`uvian-dev-user:${username}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
