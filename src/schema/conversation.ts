import type { Context } from '../context.ts';
import type { ConversationRow } from '../db/types.ts';
import {
  addConversationMembers,
  createConversation,
  getConversation,
  leaveConversation,
  listConversations,
  markConversationRead,
} from '../resolvers/conversations.ts';
import { DEFAULT_PAGE_SIZE } from '../resolvers/pagination.ts';
import { MEMBERS_LIMIT, type LoadedMember } from '../loaders/index.ts';
import { builder } from './builder.ts';
import { connectionType } from './connection.ts';
import { ConversationTypeEnum, MemberRoleEnum } from './enums.ts';
import { MessageRef } from './message.ts';
import { ProfileRef } from './profile.ts';
import { SpaceRef } from './space.ts';
import * as v from './validation.ts';
import { selectedFields } from './look-ahead.ts';
import { PER_VIEWER, SAME_FOR_EVERY_VIEWER } from './sharing.ts';

const ConversationMemberRef = builder.objectRef<LoadedMember>('ConversationMember').implement({
  fields: (t) => ({
    profile: t.field({
      type: ProfileRef,
      resolve: (member, _args, ctx) =>
        member.profile ?? ctx.loaders.profile.load(member.user_id).then((profile) => profile!),
    }),
    role: t.field({ type: MemberRoleEnum, resolve: (member) => member.role }),
    joinedAt: t.expose('joined_at', { type: 'DateTime' }),
  }),
});

export const ConversationRef = builder.objectRef<ConversationRow>('Conversation');

/**
 * Whether the viewer is a member now. A conversation is also reached by someone who has left it (through a stored
 * notification, a message's `conversation`, a typing event): they see neither its members nor its last message.
 * The same for every member, so shared subscription execution (whose streams carry members only) may share it.
 */
const isMember = async (ctx: Context, conversation: ConversationRow) =>
  (await ctx.loaders.viewerMembership.load(conversation.id)) !== null;

ConversationRef.implement({
  description: 'A direct conversation, a group or a channel; only its members can see it',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { nullable: true }),
    type: t.field({ type: ConversationTypeEnum, resolve: (conversation) => conversation.type }),
    space: t.field({
      type: SpaceRef,
      nullable: true,
      resolve: (conversation, _args, ctx) =>
        conversation.space_id ? ctx.loaders.space.load(conversation.space_id) : null,
    }),
    members: t.field({
      type: [ConversationMemberRef],
      description: `The members, longest-standing first (at most ${MEMBERS_LIMIT}; see memberCount)`,
      extensions: SAME_FOR_EVERY_VIEWER,
      resolve: async (conversation, _args, ctx) =>
        (await isMember(ctx, conversation)) ? ((await ctx.loaders.conversationMembers.load(conversation.id))?.members ?? []) : [],
    }),
    memberCount: t.int({
      resolve: (conversation, _args, ctx) => ctx.loaders.conversationMemberCount.load(conversation.id),
    }),
    lastMessage: t.field({
      type: MessageRef,
      nullable: true,
      description: 'The newest message that is not deleted',
      extensions: SAME_FOR_EVERY_VIEWER,
      resolve: async (conversation, _args, ctx) =>
        (await isMember(ctx, conversation)) ? ctx.loaders.lastMessage.load(conversation.id) : null,
    }),
    unreadCount: t.int({
      description: "Messages from others after the signed-in user's read position",
      extensions: PER_VIEWER,
      resolve: (conversation, _args, ctx) => ctx.loaders.unreadCount.load(conversation.id),
    }),
    lastActivityAt: t.expose('last_activity_at', { type: 'DateTime' }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    updatedAt: t.expose('updated_at', { type: 'DateTime' }),
  }),
});

const ConversationConnection = connectionType('Conversation', ConversationRef);

const CreateConversationInput = builder.inputType('CreateConversationInput', {
  fields: (t) => ({
    name: t.string({ description: 'Required for GROUP and CHANNEL', validate: { schema: v.name } }),
    type: t.field({ type: ConversationTypeEnum, required: true }),
    spaceId: t.id({ validate: { schema: v.uuid } }),
    memberIds: t.idList({
      required: true,
      description: 'The other members (at most 256); the creator is added as owner',
      validate: { schema: v.memberIds },
    }),
  }),
});

builder.queryFields((t) => ({
  conversations: t.field({
    type: ConversationConnection,
    description: "The signed-in user's conversations, most recently active first",
    args: {
      first: t.arg.int({ defaultValue: DEFAULT_PAGE_SIZE, validate: { schema: v.pageSize } }),
      after: t.arg.string({ validate: { schema: v.cursor } }),
      spaceId: t.arg.id({ validate: { schema: v.uuid } }),
    },
    resolve: (_root, args, ctx, info) => {
      // What an inbox shows of each conversation comes with the page, in its statement, when it is asked for.
      const shown = selectedFields(info, ['edges', 'node']);
      return listConversations(ctx, {
        first: args.first ?? DEFAULT_PAGE_SIZE,
        after: args.after,
        spaceId: args.spaceId,
        include: { unreadCount: shown.has('unreadCount'), lastMessage: shown.has('lastMessage') },
      });
    },
  }),
  conversation: t.field({
    type: ConversationRef,
    nullable: true,
    args: { id: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    resolve: (_root, args, ctx) => getConversation(ctx, args.id),
  }),
}));

builder.mutationFields((t) => ({
  createConversation: t.field({
    type: ConversationRef,
    args: { input: t.arg({ type: CreateConversationInput, required: true }) },
    resolve: (_root, { input }, ctx) => createConversation(ctx, input),
  }),
  addConversationMembers: t.field({
    type: ConversationRef,
    args: {
      conversationId: t.arg.id({ required: true, validate: { schema: v.uuid } }),
      userIds: t.arg.idList({ required: true, validate: { schema: v.memberIds } }),
    },
    resolve: (_root, args, ctx) => addConversationMembers(ctx, args),
  }),
  leaveConversation: t.boolean({
    args: { conversationId: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    resolve: (_root, args, ctx) => leaveConversation(ctx, args.conversationId),
  }),
  markConversationRead: t.field({
    type: ConversationRef,
    description: 'Moves the read position up to this message; unreadCount drops accordingly',
    args: {
      conversationId: t.arg.id({ required: true, validate: { schema: v.uuid } }),
      messageId: t.arg.id({ required: true, validate: { schema: v.uuid } }),
    },
    resolve: (_root, args, ctx) => markConversationRead(ctx, args),
  }),
}));
