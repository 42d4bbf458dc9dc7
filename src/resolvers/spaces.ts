import type { Context } from '../context.ts';
import type { SpaceRole, SpaceRow } from '../db/types.ts';
import { badInput, forbidden, notFound } from '../errors.ts';
import { outranks, requireSpaceMember, requireViewer, requireVisibleSpace } from './access.ts';

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
 * above their own.
 */
export async function addSpaceMember(
  ctx: Context,
  input: { spaceId: string; userId: string; role: SpaceRole },
): Promise<SpaceRow> {
  const { space, role: viewerRole } = await requireSpaceMember(ctx, input.spaceId);
  if (!outranks(viewerRole, 'admin')) throw forbidden('Only space owners and admins can add members');
  if (!outranks(viewerRole, input.role)) throw forbidden(`Only owners can make someone ${input.role}`);
  const user = await ctx.loaders.profile.load(input.userId);
  if (!user) throw notFound('User');
  const current = await ctx.db
    .selectFrom('space_members')
    .select('role')
    .where('space_id', '=', space.id)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  if (current && !outranks(viewerRole, current.role)) {
    throw forbidden(`Only owners can change the role of an ${current.role}`);
  }
  if (current && input.userId === ctx.viewer!.id && current.role === 'owner' && input.role !== 'owner') {
    throw badInput('An owner cannot demote themselves; make someone else owner first', 'role');
  }
  await ctx.db
    .insertInto('space_members')
    .values({ space_id: space.id, user_id: input.userId, role: input.role })
    .onConflict((oc) => oc.columns(['space_id', 'user_id']).doUpdateSet({ role: input.role }))
    .execute();
  ctx.loaders.spaceMemberCount.clear(space.id);
  return space;
}
