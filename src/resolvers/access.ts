import type { Context, Viewer } from '../context.ts';
import type { ConversationMemberRow, ConversationRow, SpaceRole, SpaceRow } from '../db/types.ts';
import { forbidden, notFound, unauthenticated } from '../errors.ts';

export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

export interface Membership {
  conversation: ConversationRow;
  member: ConversationMemberRow;
}

/** The viewer's membership of a conversation; a non-member cannot tell it from a conversation that does not exist. */
export async function requireConversationMember(ctx: Context, conversationId: string): Promise<Membership> {
  requireViewer(ctx);
  const access = await ctx.loaders.conversationAccess.load(conversationId);
  if (!access?.member) throw notFound('Conversation');
  ctx.loaders.conversation.prime(conversationId, access.conversation);
  ctx.loaders.viewerMembership.prime(conversationId, access.member);
  return { conversation: access.conversation, member: access.member };
}

export function isConversationAdmin(member: ConversationMemberRow): boolean {
  return member.role === 'owner' || member.role === 'admin';
}

export interface SpaceAccess {
  space: SpaceRow;
  role: SpaceRole | null;
}

/** A space the viewer may see: a member's, or a public one. Others are NOT_FOUND. */
export async function requireVisibleSpace(ctx: Context, spaceId: string): Promise<SpaceAccess> {
  requireViewer(ctx);
  const [space, membership] = await Promise.all([
    ctx.loaders.space.load(spaceId),
    ctx.loaders.viewerSpaceRole.load(spaceId),
  ]);
  if (!space || (!space.is_public && !membership)) throw notFound('Space');
  return { space, role: membership?.role ?? null };
}

export async function requireSpaceMember(ctx: Context, spaceId: string): Promise<SpaceAccess & { role: SpaceRole }> {
  const access = await requireVisibleSpace(ctx, spaceId);
  if (!access.role) throw forbidden('Only members of this space can do that');
  return { space: access.space, role: access.role };
}

const RANK: Record<SpaceRole, number> = { member: 0, admin: 1, owner: 2 };

export function outranks(role: SpaceRole, atLeast: SpaceRole): boolean {
  return RANK[role] >= RANK[atLeast];
}
