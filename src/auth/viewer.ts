import type { Viewer } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { ensureProfile } from '../resolvers/profiles.ts';
import { bearerToken, type AccessClaims, type VerifyToken } from './verify.ts';

const KNOWN_PROFILES_LIMIT = 10_000;

export interface Authenticated {
  viewer: Viewer | null;
  claims: AccessClaims | null;
}

/**
 * Authorization header -> the signed-in viewer (null when anonymous). Provisions the profile on first sight; ids known
 * to have a profile are remembered (bounded) so a signed-in request costs no extra statement.
 */
export function createViewerResolver(verify: VerifyToken, db: Db) {
  const known = new Set<string>();
  return async (authorization: string | null | undefined): Promise<Authenticated> => {
    const token = bearerToken(authorization);
    const claims = token ? await verify(token) : null;
    if (!claims) return { viewer: null, claims: null };
    if (!known.has(claims.sub)) {
      await ensureProfile(db, claims);
      if (known.size >= KNOWN_PROFILES_LIMIT) known.clear();
      known.add(claims.sub);
    }
    return { viewer: { id: claims.sub }, claims };
  };
}
