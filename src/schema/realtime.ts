import type { UserStatsRow } from '../db/types.ts';
import type { TopicPayloads } from '../pubsub/topics.ts';
import { listNotifications, markNotificationsRead } from '../resolvers/notifications.ts';
import { DEFAULT_PAGE_SIZE } from '../resolvers/pagination.ts';
import { notificationStream, presenceStream, setTyping, typingStream } from '../resolvers/realtime.ts';
import { connectionType } from './connection.ts';
import { builder } from './builder.ts';
import { ConversationRef } from './conversation.ts';
import { MessageRef } from './message.ts';
import { ProfileRef, wholeProfile } from './profile.ts';
import * as v from './validation.ts';
import { PER_VIEWER, SAME_FOR_EVERY_VIEWER } from './sharing.ts';

type TypingItem = TopicPayloads['typing'];
type PresenceItem = TopicPayloads['presence'];
type NotificationItem = TopicPayloads['user'];

const TypingEventRef = builder.objectRef<TypingItem>('TypingEvent').implement({
  description: 'Someone started or stopped typing (ephemeral: never replayed)',
  fields: (t) => ({
    conversation: t.field({
      type: ConversationRef,
      resolve: async (event, _args, ctx) => (await ctx.loaders.conversation.load(event.conversationId))!,
    }),
    user: t.field({ type: ProfileRef, resolve: async (event, _args, ctx) => (await ctx.loaders.profile.load(event.userId))! }),
    isTyping: t.exposeBoolean('isTyping'),
  }),
});

const PresenceStatusEnum = builder.enumType('PresenceStatus', { values: ['ONLINE', 'OFFLINE'] as const });

const PresenceEventRef = builder.objectRef<PresenceItem>('PresenceEvent').implement({
  description: 'A member of the space came online or went offline',
  fields: (t) => ({
    user: t.field({ type: ProfileRef, resolve: async (event, _args, ctx) => (await ctx.loaders.profile.load(event.userId))! }),
    status: t.field({ type: PresenceStatusEnum, resolve: (event) => (event.online ? 'ONLINE' : 'OFFLINE') }),
    lastSeenAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When they went offline; null while online',
      resolve: (event) => event.lastSeenAt,
    }),
  }),
});

const NotificationTypeEnum = builder.enumType('NotificationType', { values: ['NEW_MESSAGE'] as const });

const NotificationRef = builder.objectRef<NotificationItem>('Notification').implement({
  description: 'Something for the signed-in user: live to their notifications subscription, stored while they are offline',
  fields: (t) => ({
    id: t.id({ nullable: true, description: 'Set when stored (see Query.notifications)', resolve: (n) => n.id ?? null }),
    readAt: t.field({ type: 'DateTime', nullable: true, resolve: (n) => n.readAt ?? null }),
    type: t.field({ type: NotificationTypeEnum, resolve: () => 'NEW_MESSAGE' as const }),
    conversation: t.field({
      type: ConversationRef,
      nullable: true,
      resolve: (event, _args, ctx) => ctx.loaders.conversation.load(event.conversationId),
    }),
    message: t.field({
      type: MessageRef,
      nullable: true,
      resolve: (event, _args, ctx) => ctx.loaders.message.load(event.messageId),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (event) => event.createdAt }),
  }),
});

const NotificationConnection = connectionType<NotificationItem>('Notification', NotificationRef);

builder.queryFields((t) => ({
  notifications: t.field({
    type: NotificationConnection,
    description: "The signed-in user's stored notifications (what reached them while offline), newest first",
    args: {
      first: t.arg.int({ defaultValue: DEFAULT_PAGE_SIZE, validate: { schema: v.pageSize } }),
      after: t.arg.string({ validate: { schema: v.cursor } }),
      unreadOnly: t.arg.boolean({ defaultValue: false }),
    },
    resolve: (_root, args, ctx) =>
      listNotifications(ctx, { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after, unreadOnly: args.unreadOnly }),
  }),
}));

const UserStatsRef = builder.objectRef<UserStatsRow>('UserStats').implement({
  description: "A user's activity figures, computed by the user-analytics job (daily, or on demand with submitJob)",
  fields: (t) => ({
    messagesSent: t.exposeInt('messages_sent'),
    conversations: t.exposeInt('conversations'),
    activeDays: t.exposeInt('active_days', { description: 'Days (UTC) with at least one message sent' }),
    lastActiveAt: t.expose('last_active_at', { type: 'DateTime', nullable: true }),
    computedAt: t.expose('computed_at', { type: 'DateTime' }),
  }),
});

builder.objectFields(ProfileRef, (t) => ({
  stats: t.field({
    type: UserStatsRef,
    nullable: true,
    description: 'Only for the profile owner; null for everyone else, and until first computed',
    extensions: PER_VIEWER,
    resolve: (profile, _args, ctx) =>
      ctx.viewer?.id === profile.id
        ? ctx.db.selectFrom('user_stats').selectAll().where('user_id', '=', profile.id).executeTakeFirst().then((r) => r ?? null)
        : null,
  }),
  isOnline: t.boolean({
    description: 'True while the user has at least one live connection on any API process',
    resolve: (profile, _args, ctx) => ctx.loaders.isOnline.load(profile.id),
  }),
  lastSeenAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: "When the user's last live connection closed",
    extensions: SAME_FOR_EVERY_VIEWER,
    resolve: async (profile, _args, ctx) => (await wholeProfile(profile, ctx)).last_seen_at,
  }),
}));

builder.mutationFields((t) => ({
  markNotificationsRead: t.int({
    description: 'Marks these stored notifications (all, without ids) as read; returns how many changed',
    args: { ids: t.arg.idList({ validate: { schema: v.notificationIds } }) },
    resolve: (_root, args, ctx) => markNotificationsRead(ctx, args.ids),
  }),
  setTyping: t.boolean({
    description: 'Say you are typing (refresh every few seconds) or stopped; expires on its own after 5 s',
    args: {
      conversationId: t.arg.id({ required: true, validate: { schema: v.uuid } }),
      isTyping: t.arg.boolean({ required: true }),
    },
    resolve: (_root, args, ctx) => setTyping(ctx, args),
  }),
}));

builder.subscriptionFields((t) => ({
  typing: t.field({
    type: TypingEventRef,
    args: { conversationId: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    subscribe: (_root, args, ctx) => typingStream(ctx, args.conversationId),
    resolve: (event: TypingItem) => event,
  }),
  presence: t.field({
    type: PresenceEventRef,
    description: 'The online members of a space when it starts, then who comes online or goes offline',
    args: { spaceId: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    subscribe: (_root, args, ctx) => presenceStream(ctx, args.spaceId),
    resolve: (event: PresenceItem) => event,
  }),
  notifications: t.field({
    type: NotificationRef,
    description: "The signed-in user's notifications: new messages from others in their conversations",
    subscribe: (_root, _args, ctx) => notificationStream(ctx),
    resolve: (event: NotificationItem) => event,
  }),
}));
