import type { LoadedMessage } from '../loaders/index.ts';
import {
  deleteMessage,
  editMessage,
  listMessages,
  seqCursor,
  sendMessage,
} from '../resolvers/messages.ts';
import { builder } from './builder.ts';
import { connectionType } from './connection.ts';
import { ConversationRef } from './conversation.ts';
import { MessageTypeEnum } from './enums.ts';
import { ProfileRef } from './profile.ts';
import * as v from './validation.ts';

export const MessageRef = builder.objectRef<LoadedMessage>('Message');

MessageRef.implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    conversation: t.field({
      type: ConversationRef,
      resolve: async (message, _args, ctx) => (await ctx.loaders.conversation.load(message.conversation_id))!,
    }),
    sender: t.field({
      type: ProfileRef,
      // Pages and loaders read the sender with the message; other message rows (a send's own) load it.
      resolve: (message, _args, ctx) =>
        message.sender_profile ?? ctx.loaders.profile.load(message.sender_id).then((profile) => profile!),
    }),
    content: t.string({
      description: 'Empty once the message is deleted',
      resolve: (message) => (message.deleted_at ? '' : message.content),
    }),
    type: t.field({ type: MessageTypeEnum, resolve: (message) => message.type }),
    replyTo: t.field({
      type: MessageRef,
      nullable: true,
      resolve: (message, _args, ctx) => (message.reply_to_id ? ctx.loaders.message.load(message.reply_to_id) : null),
    }),
    clientMessageId: t.exposeString('client_message_id', { nullable: true }),
    cursor: t.string({
      description: 'Its place in the conversation: pass it as after/before to page from here',
      resolve: (message) => seqCursor(message.seq),
    }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    editedAt: t.expose('edited_at', { type: 'DateTime', nullable: true }),
    deletedAt: t.expose('deleted_at', { type: 'DateTime', nullable: true }),
    isDeleted: t.boolean({ resolve: (message) => message.deleted_at !== null }),
  }),
});

const MessageConnection = connectionType('Message', MessageRef);

const SendMessageInput = builder.inputType('SendMessageInput', {
  fields: (t) => ({
    conversationId: t.id({ required: true, validate: { schema: v.uuid } }),
    content: t.string({ required: true, description: '1-4000 characters after trimming', validate: { schema: v.messageContent } }),
    type: t.field({ type: MessageTypeEnum, description: 'TEXT (the default); SYSTEM and AI are for agents' }),
    replyToId: t.id({ validate: { schema: v.uuid } }),
    clientMessageId: t.string({
      description: 'Your id for this send: a retry with the same one returns the first message instead of a copy',
      validate: { schema: v.clientMessageId },
    }),
  }),
});

const EditMessageInput = builder.inputType('EditMessageInput', {
  fields: (t) => ({
    id: t.id({ required: true, validate: { schema: v.uuid } }),
    content: t.string({ required: true, validate: { schema: v.messageContent } }),
  }),
});

builder.queryFields((t) => ({
  messages: t.field({
    type: MessageConnection,
    description: 'A page of a conversation, newest last. With no arguments: the newest 50.',
    args: {
      conversationId: t.arg.id({ required: true, validate: { schema: v.uuid } }),
      first: t.arg.int({ validate: { schema: v.pageSize } }),
      after: t.arg.string({ validate: { schema: v.cursor } }),
      last: t.arg.int({ validate: { schema: v.pageSize } }),
      before: t.arg.string({ validate: { schema: v.cursor } }),
    },
    resolve: (_root, args, ctx) => listMessages(ctx, args),
  }),
}));

builder.mutationFields((t) => ({
  sendMessage: t.field({
    type: MessageRef,
    args: { input: t.arg({ type: SendMessageInput, required: true }) },
    resolve: (_root, { input }, ctx) => sendMessage(ctx, input),
  }),
  editMessage: t.field({
    type: MessageRef,
    args: { input: t.arg({ type: EditMessageInput, required: true }) },
    resolve: (_root, { input }, ctx) => editMessage(ctx, input),
  }),
  deleteMessage: t.field({
    type: MessageRef,
    args: { id: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    resolve: (_root, args, ctx) => deleteMessage(ctx, args.id),
  }),
}));
