import {
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
} from 'jose';
import { unauthenticated, UserError } from '../errors.ts';
import { isUuid } from '../is-uuid.ts';

export interface AccessClaims extends JWTPayload {
  sub: string;
  email?: string;
  role?: string;
  user_metadata?: Record<string, unknown>;
}

export interface VerifierOptions {
  /** HS256 secret (Supabase's legacy JWT secret, or the generated development secret). */
  secret?: string;
  /** The Supabase project URL: asymmetric tokens are checked against its JWKS, and `iss` must be its auth URL. */
  supabaseUrl?: string;
  audience: string;
}

/** Verifies a Supabase Auth access token; null means "anonymous" (Supabase's anon key is sent by signed-out clients). */
export type VerifyToken = (token: string) => Promise<AccessClaims | null>;

/** Verified tokens remembered, and for how long at most (a key taken out of the JWKS stops counting within that). */
const VERIFIED_CACHE_SIZE = 5_000;
const VERIFIED_CACHE_MS = 5 * 60_000;

export function createVerifier(options: VerifierOptions): VerifyToken {
  return rememberVerified(createSignatureVerifier(options));
}

/**
 * A token checked once is taken at its word until it expires (or VERIFIED_CACHE_MS passes): clients send the same token
 * with every request, and checking its signature again each time was a tenth of a small query's CPU. Only successes
 * are remembered; the oldest entry goes first when the cache is full.
 */
function rememberVerified(verify: VerifyToken): VerifyToken {
  const verified = new Map<string, { claims: AccessClaims; until: number }>();
  return async (token) => {
    const hit = verified.get(token);
    if (hit && Date.now() < hit.until) return hit.claims;
    if (hit) verified.delete(token);
    const claims = await verify(token);
    if (claims && typeof claims.exp === 'number') {
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
      verified.set(token, { claims, until: Math.min(claims.exp * 1000, Date.now() + VERIFIED_CACHE_MS) });
    }
    return claims;
  };
}

function createSignatureVerifier(options: VerifierOptions): VerifyToken {
  const secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
  // jose caches the key set and refetches it (at most every 30 s) when a token names an unknown kid.
  const jwks = options.supabaseUrl
    ? createRemoteJWKSet(new URL(`${options.supabaseUrl}/auth/v1/.well-known/jwks.json`), {
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: 5_000,
      })
    : undefined;
  const issuer = options.supabaseUrl ? `${options.supabaseUrl}/auth/v1` : undefined;

  return async (token) => {
    let alg: string | undefined;
    let anonymous: boolean;
    try {
      alg = decodeProtectedHeader(token).alg;
      anonymous = isAnonKey(decodeJwt(token));
    } catch {
      throw unauthenticated('Malformed access token');
    }
    try {
      // Supabase's anon key carries neither `aud` nor the auth URL as `iss`; it grants nothing a missing token does not.
      const verifyOptions = anonymous
        ? { requiredClaims: ['exp'] }
        : { audience: options.audience, issuer, requiredClaims: ['exp'] };
      const { payload } =
        alg === 'HS256' && secret
          ? await jwtVerify<AccessClaims>(token, secret, { ...verifyOptions, algorithms: ['HS256'] })
          : jwks
            ? await jwtVerify<AccessClaims>(token, jwks, { ...verifyOptions, algorithms: ['RS256', 'ES256', 'EdDSA'] })
            : rejectAlgorithm(alg);
      if (isAnonKey(payload)) return null;
      if (payload.role !== undefined && payload.role !== 'authenticated') {
        throw unauthenticated(`Tokens of role "${payload.role}" are not accepted`);
      }
      if (typeof payload.sub !== 'string' || !isUuid(payload.sub)) {
        throw unauthenticated('The access token has no user id (sub)');
      }
      return payload;
    } catch (error) {
      if (error instanceof UserError) throw error;
      // The key set could not be fetched: our outage, not a bad token (masked and logged as an internal error).
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) throw error;
      throw unauthenticated(describeJoseError(error));
    }
  };
}

function isAnonKey(claims: JWTPayload): boolean {
  return claims.role === 'anon' && !claims.sub;
}

function rejectAlgorithm(alg: string | undefined): never {
  throw unauthenticated(`Access tokens signed with ${alg ?? 'no algorithm'} are not accepted`);
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'The access token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `The access token's ${error.claim} claim is not accepted`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The access token signature is invalid';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'The access token algorithm is not accepted';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'The access token was signed by an unknown key';
  return 'Invalid access token';
}

/** `Authorization: Bearer <token>` -> token; anything else -> undefined or an error. */
export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <access token>"');
  return match[1];
}
