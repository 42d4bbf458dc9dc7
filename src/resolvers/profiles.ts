import { randomInt } from 'node:crypto';
import type { AccessClaims } from '../auth/verify.ts';
import type { Context } from '../context.ts';
import type { Db } from '../db/connect.ts';
import { jsonb } from '../db/sql-helpers.ts';
import type { ProfileRow } from '../db/types.ts';
import { conflict, notFound, sqlState, UNIQUE_VIOLATION } from '../errors.ts';
import { requireViewer } from './access.ts';

/** A username from what Supabase Auth knows of the user: metadata first, then the email's local part. */
export function usernameFromClaims(claims: AccessClaims): string {
  const meta = claims.user_metadata ?? {};
  const candidates = [meta.username, meta.user_name, meta.preferred_username, claims.email?.split('@')[0], meta.name];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const cleaned = candidate
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 24);
    if (cleaned.length >= 3) return cleaned;
  }
  return 'user';
}

function textClaim(meta: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const value = meta[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 100);
  }
  return null;
}

/**
 * The caller's profile, created on first sight from the token's claims. A taken username gets a numeric suffix;
 * concurrent first requests of one user both end up with the one row.
 */
export async function ensureProfile(db: Db, claims: AccessClaims): Promise<ProfileRow> {
  const existing = await db.selectFrom('profiles').selectAll().where('id', '=', claims.sub).executeTakeFirst();
  if (existing) return existing;
  const meta = claims.user_metadata ?? {};
  const base = usernameFromClaims(claims);
  const avatar = textClaim(meta, 'avatar_url', 'picture');
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const username = attempt === 0 && base !== 'user' ? base : `${base.slice(0, 24)}_${randomInt(1000, 1_000_000)}`;
    const inserted = await db
      .insertInto('profiles')
      .values({
        id: claims.sub,
        username,
        full_name: textClaim(meta, 'full_name', 'name'),
        avatar_url: avatar && /^https?:\/\//.test(avatar) ? avatar.slice(0, 2048) : null,
      })
      .onConflict((oc) => oc.doNothing())
      .returningAll()
      .executeTakeFirst();
    if (inserted) return inserted;
    const raced = await db.selectFrom('profiles').selectAll().where('id', '=', claims.sub).executeTakeFirst();
    if (raced) return raced;
  }
  throw new Error(`Could not find a free username for user ${claims.sub}`);
}

export async function getProfile(ctx: Context, id: string): Promise<ProfileRow> {
  requireViewer(ctx);
  const profile = await ctx.loaders.profile.load(id);
  if (!profile) throw notFound('Profile');
  return profile;
}

export async function getMe(ctx: Context): Promise<ProfileRow> {
  return getProfile(ctx, requireViewer(ctx).id);
}

export interface UpdateMeInput {
  username?: string | null;
  fullName?: string | null;
  avatarUrl?: string | null;
  settings?: Record<string, unknown> | null;
}

/** Only the given fields change; null clears fullName and avatarUrl. settings are replaced as a whole. */
export async function updateMe(ctx: Context, input: UpdateMeInput): Promise<ProfileRow> {
  const viewer = requireViewer(ctx);
  const changes = {
    ...(input.username != null && { username: input.username }),
    ...(input.fullName !== undefined && { full_name: input.fullName }),
    ...(input.avatarUrl !== undefined && { avatar_url: input.avatarUrl }),
    ...(input.settings != null && { settings: jsonb(input.settings) }),
  };
  if (Object.keys(changes).length === 0) return getMe(ctx);
  try {
    const row = await ctx.db
      .updateTable('profiles')
      .set({ ...changes, updated_at: new Date() })
      .where('id', '=', viewer.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    ctx.loaders.profile.clear(viewer.id).prime(viewer.id, row);
    return row;
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw conflict('That username is taken', 'input.username');
    throw error;
  }
}
