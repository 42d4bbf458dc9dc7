import type { Context } from '../context.ts';
import type { SpaceRole, SpaceRow } from '../db/types.ts';
import { badInput, forbidden, notFound } from '../errors.ts';
import { outranks, requireViewer, requireVisibleSpace } from './access.ts';

/** The most spaces `spaces` returns: a person is in a handful, a bot may be in many. */
export const VIEWER_SPACES_LIMIT = 500;

export async function listViewerSpaces(ctx: Context): Promise<SpaceRow[]> {
  const viewer = requireViewer(ctx);
  return ctx.db
    .selectFrom('spaces as s')
    .innerJoin('space_members as sm', 'sm.space_id', 's.id')
    .selectAll('s')
    .where('sm.user_id', '=', viewer.id)
    .orderBy('s.name')
    .orderBy('s.id')
    .limit(VIEWER_SPACES_LIMIT)
    .execute();
}

/** Public spaces, newest first; anonymous callers may list them. */
export async function listPublicSpaces(ctx: Context, first: number): Promise<SpaceRow[]> {
  return ctx.db
    .selectFrom('spaces')
    .selectAll()
    .where('is_public', '=', true)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(first)
    .execute();
}

export async function getSpace(ctx: Context, id: string): Promise<SpaceRow> {
  return (await requireVisibleSpace(ctx, id)).space;
}

export interface CreateSpaceInput {
  name: string;
  description?: string | null;
  type?: string | null;
  isPublic?: boolean | null;
}

export async function createSpace(ctx: Context, input: CreateSpaceInput): Promise<SpaceRow> {
  const viewer = requireViewer(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const space = await trx
      .insertInto('spaces')
      .values({
        name: input.name,
        description: input.description ?? null,
        type: input.type ?? 'team',
        is_public: input.isPublic ?? false,
        creator_id: viewer.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('space_members').values({ space_id: space.id, user_id: viewer.id, role: 'owner' }).execute();
    return space;
  });
}

/** Joins a public space as a member; joining again is a no-op. A private space the viewer is not in is NOT_FOUND. */
export async function joinSpace(ctx: Context, id: string): Promise<SpaceRow> {
  const viewer = requireViewer(ctx);
  const { space, role } = await requireVisibleSpace(ctx, id);
  if (!role) {
    await ctx.db
      .insertInto('space_members')
      .values({ space_id: space.id, user_id: viewer.id, role: 'member' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    ctx.loaders.viewerSpaceRole.clear(id);
    ctx.loaders.spaceMemberCount.clear(id);
  }
  return space;
}

/**
 * Adds a user to a space, or changes their role. Admins and owners add people; nobody grants or takes away a role
 * above their own, and an owner cannot demote themselves, so a space always keeps an owner.
 *
 * The checks read both roles inside the transaction that writes, with the space row locked: role changes to one space
 * run one at a time, so two owners demoting each other at once cannot both succeed (which would leave no owner), nor
 * can an admin demote someone an owner has just promoted.
 */
export async function addSpaceMember(
  ctx: Context,
  input: { spaceId: string; userId: string; role: SpaceRole },
): Promise<SpaceRow> {
  const viewer = requireViewer(ctx);
  const { space } = await requireVisibleSpace(ctx, input.spaceId);
  await ctx.db.transaction().execute(async (trx) => {
    // NO KEY UPDATE: serialises role changes without blocking inserts that reference the space (FOR KEY SHARE).
    await trx.selectFrom('spaces').select('id').where('id', '=', space.id).forNoKeyUpdate().execute();
    const roles = await trx
      .selectFrom('space_members')
      .select(['user_id', 'role'])
      .where('space_id', '=', space.id)
      .where('user_id', 'in', [viewer.id, input.userId])
      .execute();
    const viewerRole = roles.find((row) => row.user_id === viewer.id)?.role;
    const current = roles.find((row) => row.user_id === input.userId)?.role;
    if (!viewerRole) throw forbidden('Only members of this space can do that');
    if (!outranks(viewerRole, 'admin')) throw forbidden('Only space owners and admins can add members');
    if (!outranks(viewerRole, input.role)) throw forbidden(`Only owners can make someone ${input.role}`);
    // Through trx, not a loader: on embedded PGlite the transaction holds the only connection.
    const user = await trx.selectFrom('profiles').select('id').where('id', '=', input.userId).executeTakeFirst();
    if (!user) throw notFound('User');
    if (current && !outranks(viewerRole, current)) {
      throw forbidden(`Only owners can change the role of an ${current}`);
    }
    if (input.userId === viewer.id && current === 'owner' && input.role !== 'owner') {
      throw badInput('An owner cannot demote themselves; another owner can', 'role');
    }
    if (current === input.role) return;
    await trx
      .insertInto('space_members')
      .values({ space_id: space.id, user_id: input.userId, role: input.role })
      .onConflict((oc) => oc.columns(['space_id', 'user_id']).doUpdateSet({ role: input.role }))
      .execute();
  });
  ctx.loaders.spaceMemberCount.clear(space.id);
  // The viewer may have changed their own role (an admin stepping down): the response must show the new one.
  ctx.loaders.viewerSpaceRole.clear(space.id);
  return space;
}
