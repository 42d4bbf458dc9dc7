import { z } from 'zod';
import type { ConversationEventRow, ConversationEventType } from '../db/types.ts';
import { forbidden } from '../errors.ts';
import { ConversationFeed, MEMBERSHIP_ENDED, type StreamItem } from '../resolvers/conversation-feed.ts';
import { carriedMessage } from '../resolvers/events.ts';
import { seqCursor } from '../resolvers/messages.ts';
import { builder, invalidInput } from './builder.ts';
import { ConversationRef } from './conversation.ts';
import { MessageRef } from './message.ts';
import { ProfileRef } from './profile.ts';
import * as v from './validation.ts';
import { SHARED_EVENTS } from './sharing.ts';

export const ConversationEventRef = builder.interfaceRef<ConversationEventRow>('ConversationEvent').implement({
  description: 'Something durable that happened in a conversation, numbered in commit order',
  resolveType: (event) => EVENT_TYPE_NAMES[event.type],
  fields: (t) => ({
    seq: t.int({ description: 'Sequence number within the conversation', resolve: (event) => event.seq }),
    cursor: t.string({
      description: 'Pass as `after` to resume from here',
      resolve: (event) => seqCursor(event.seq),
    }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    conversation: t.field({
      type: ConversationRef,
      resolve: async (event, _args, ctx) => (await ctx.loaders.conversation.load(event.conversation_id))!,
    }),
  }),
});

const EVENT_TYPE_NAMES: Record<ConversationEventType, string> = {
  message_added: 'MessageAdded',
  message_edited: 'MessageEdited',
  message_deleted: 'MessageDeleted',
  read_receipt: 'ReadReceipt',
  member_joined: 'MemberJoined',
  member_left: 'MemberLeft',
};

const messageField = (t: PothosSchemaTypes.ObjectFieldBuilder<Types, ConversationEventRow>) =>
  t.field({
    type: MessageRef,
    resolve: async (event, _args, ctx) => (await ctx.loaders.message.load(event.message_id!))!,
  });
const userField = (t: PothosSchemaTypes.ObjectFieldBuilder<Types, ConversationEventRow>) =>
  t.field({
    type: ProfileRef,
    resolve: async (event, _args, ctx) => (await ctx.loaders.profile.load(event.user_id!))!,
  });

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

const eventObject = (
  name: string,
  description: string,
  fields: (t: PothosSchemaTypes.ObjectFieldBuilder<Types, ConversationEventRow>) => Record<string, unknown>,
) =>
  builder.objectRef<ConversationEventRow>(name).implement({
    description,
    interfaces: [ConversationEventRef],
    fields: fields as never,
  });

eventObject('MessageAdded', 'A message was sent', (t) => ({ message: messageField(t) }));
eventObject('MessageEdited', 'A message was edited (message shows the new content)', (t) => ({ message: messageField(t) }));
eventObject('MessageDeleted', 'A message was deleted (message is its tombstone)', (t) => ({ message: messageField(t) }));
eventObject('ReadReceipt', 'A member read up to a message', (t) => ({ user: userField(t), message: messageField(t) }));
eventObject('MemberJoined', 'Someone joined the conversation', (t) => ({ user: userField(t) }));
eventObject('MemberLeft', 'Someone left the conversation', (t) => ({ user: userField(t) }));

function endOnMembership<T>(item: StreamItem, map: (event: ConversationEventRow) => T): T {
  if (item === MEMBERSHIP_ENDED) throw forbidden('You are no longer a member of this conversation');
  return map(item);
}

const MESSAGE_ADDED = new Set<ConversationEventType>(['message_added']);

/** The schemas of a conversation stream's arguments: declared on them (`validatedOnOpen`) and applied by validFeedArgs. */
const FEED_ARG_SCHEMAS = { conversationId: v.uuid, after: v.cursor };
const FeedArgs = z.object({ conversationId: FEED_ARG_SCHEMAS.conversationId, after: FEED_ARG_SCHEMAS.after.nullish() });

/**
 * A conversation stream's arguments, checked when the stream opens: by hand rather than with the zod plugin's
 * `validate`, which makes every resolver of a validated field async. A live event's shared execution would then end a
 * tick later, after the event had been handed to every subscriber of the conversation, instead of each socket being
 * written as the event reaches it (src/http/socket-broadcast.ts).
 */
function validFeedArgs(args: { conversationId: string; after?: string | null }) {
  const parsed = FeedArgs.safeParse(args);
  if (!parsed.success) throw invalidInput(parsed.error);
  return parsed.data;
}

builder.subscriptionFields((t) => ({
  messageAdded: t.field({
    type: MessageRef,
    description:
      'New messages of a conversation, members only. With `after` (a message or event cursor) it first replays what ' +
      'was committed after it, then streams live: no gap, no duplicate.',
    args: {
      conversationId: t.arg.id({ required: true, extensions: { validatedOnOpen: FEED_ARG_SCHEMAS.conversationId } }),
      after: t.arg.string({ extensions: { validatedOnOpen: FEED_ARG_SCHEMAS.after } }),
    },
    extensions: SHARED_EVENTS,
    subscribe: (_root, args, ctx) => ConversationFeed.open(ctx, { ...validFeedArgs(args), types: MESSAGE_ADDED }),
    // A live event carries its message: resolved at once, so the group's execution ends in the tick the event came.
    resolve: (item: StreamItem, _args, ctx) =>
      endOnMembership(
        item,
        (event) => carriedMessage(event) ?? ctx.loaders.message.load(event.message_id!).then((message) => message!),
      ),
  }),
  conversationEvents: t.field({
    type: ConversationEventRef,
    description:
      'Everything durable that happens in a conversation (messages, edits, deletions, read receipts, joins, leaves), ' +
      'in order, resumable with `after` like messageAdded.',
    args: {
      conversationId: t.arg.id({ required: true, extensions: { validatedOnOpen: FEED_ARG_SCHEMAS.conversationId } }),
      after: t.arg.string({ extensions: { validatedOnOpen: FEED_ARG_SCHEMAS.after } }),
    },
    extensions: SHARED_EVENTS,
    subscribe: (_root, args, ctx) => ConversationFeed.open(ctx, validFeedArgs(args)),
    resolve: (item: StreamItem) => endOnMembership(item, (event) => event),
  }),
}));
