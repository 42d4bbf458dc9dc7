import { sql } from 'kysely';
import { publishEvents, recordEvents, reserveMessage } from '../../resolvers/events.ts';
import { notifyMembers } from './message-notification.ts';
import type { ChatMessage } from '../ai/provider.ts';
import type { JobInput } from '../definitions.ts';
import type { ProcessorContext } from '../runner.ts';
import { PermanentJobError } from '../runner.ts';

export const AGENT_USERNAME = 'uvian_assistant';
const CONTEXT_MESSAGES = 20;
const MAX_REPLY = 4000;

/**
 * Answers in a conversation as the AI agent: the last messages are the context, the reply streams to `aiResponse`
 * and `jobUpdated` watchers as it grows, then is saved as a message of the agent (which reaches messageAdded like any
 * other). The message's clientMessageId is the job's id, so a retried job saves one reply, not two.
 */
export async function aiChat(ctx: ProcessorContext<JobInput<'ai-chat'>>) {
  const { conversationId, prompt } = ctx.input;
  const member = await ctx.db
    .selectFrom('conversation_members')
    .select('user_id')
    .where('conversation_id', '=', conversationId)
    .where('user_id', '=', ctx.job.creator_id ?? '')
    .executeTakeFirst();
  if (!member) throw new PermanentJobError('only members of the conversation can ask the agent');
  const agent = await ensureAgent(ctx);
  const clientMessageId = `job:${ctx.job.id}`;
  const saved = await findReply(ctx, conversationId, agent.id, clientMessageId);
  if (saved) return { response: saved.content, model: null, messageId: saved.id, usage: null };

  const history = await ctx.db
    .selectFrom('messages')
    .innerJoin('profiles', 'profiles.id', 'messages.sender_id')
    .select(['messages.content', 'messages.sender_id', 'profiles.username'])
    .where('conversation_id', '=', conversationId)
    .where('deleted_at', 'is', null)
    .orderBy('seq', 'desc')
    .limit(CONTEXT_MESSAGES)
    .execute();
  const messages: ChatMessage[] = [
    { role: 'system', content: 'You are Uvian Assistant, a helpful participant in a team chat. Answer briefly.' },
    ...history.reverse().map(
      (m): ChatMessage =>
        m.sender_id === agent.id
          ? { role: 'assistant', content: m.content }
          : { role: 'user', content: `${m.username}: ${m.content}` },
    ),
    ...(prompt ? [{ role: 'user' as const, content: prompt }] : []),
  ];

  let text = '';
  const stream = (delta: string, done: boolean, messageId: string | null) =>
    ctx.pubsub.publish('ai', conversationId, {
      conversationId,
      jobId: ctx.job.id,
      agentId: agent.id,
      delta,
      text,
      done,
      messageId,
    });
  try {
    const result = await ctx.ai.chat(messages, {
      signal: ctx.signal,
      onDelta: (delta) => {
        text += delta;
        stream(delta, false, null);
        ctx.progress({ output: { response: text } });
      },
    });
    const response = (result.text || text).trim().slice(0, MAX_REPLY) || '…';
    ctx.signal.throwIfAborted();
    const message = await saveReply(ctx, conversationId, agent.id, response, clientMessageId);
    text = response;
    stream('', true, message.id);
    return { response, model: result.model, messageId: message.id, usage: result.usage };
  } catch (error) {
    // Watchers hold the partial text: tell them it is void. When another attempt follows, the text starts over (empty,
    // not done); when none does (the last attempt, or the job was cancelled), the stream ends without a message.
    const cancelled = ctx.signal.aborted && (ctx.signal.reason as Error | undefined)?.message === 'cancelled';
    const last = cancelled || error instanceof PermanentJobError || ctx.attempt >= ctx.job.max_attempts;
    const streamed = text !== '';
    text = '';
    if (last) stream('', true, null);
    else if (streamed) stream('', false, null);
    throw error;
  }
}

async function ensureAgent(ctx: ProcessorContext) {
  const existing = await ctx.db.selectFrom('profiles').select('id').where('username', '=', AGENT_USERNAME).executeTakeFirst();
  if (existing) return existing;
  await ctx.db
    .insertInto('profiles')
    .values({ id: sql<string>`gen_random_uuid()`, username: AGENT_USERNAME, full_name: 'Uvian Assistant', type: 'agent' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return ctx.db.selectFrom('profiles').select('id').where('username', '=', AGENT_USERNAME).executeTakeFirstOrThrow();
}

function findReply(ctx: ProcessorContext, conversationId: string, agentId: string, clientMessageId: string) {
  return ctx.db
    .selectFrom('messages')
    .select(['id', 'content'])
    .where('conversation_id', '=', conversationId)
    .where('sender_id', '=', agentId)
    .where('client_message_id', '=', clientMessageId)
    .executeTakeFirst();
}

class ReplyAlreadySaved extends Error {}

/** The reply as a message of the agent, with its event, in one transaction (and at most once per job). */
async function saveReply(
  ctx: ProcessorContext,
  conversationId: string,
  agentId: string,
  content: string,
  clientMessageId: string,
) {
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const { seq, ordinal } = await reserveMessage(trx, conversationId);
    const message = await trx
      .insertInto('messages')
      .values({
        conversation_id: conversationId,
        sender_id: agentId,
        content,
        type: 'ai',
        client_message_id: clientMessageId,
        seq,
        ordinal,
      })
      .onConflict((oc) => oc.columns(['conversation_id', 'sender_id', 'client_message_id']).doNothing())
      .returningAll()
      .executeTakeFirst();
    // Saved by an earlier attempt that died before recording its success: this transaction gives its numbers back.
    if (!message) throw new ReplyAlreadySaved();
    return { message, events: await recordEvents(trx, conversationId, seq, [{ type: 'message_added', messageId: message.id }]) };
  }).catch((error: unknown) => {
    if (error instanceof ReplyAlreadySaved) return undefined;
    throw error;
  });
  if (!saved) return (await findReply(ctx, conversationId, agentId, clientMessageId))!;
  publishEvents(ctx, saved.events, saved.message);
  await notifyMembers(ctx, saved.message).catch((error: unknown) =>
    ctx.logger.warn({ err: error }, 'members not notified of the AI reply'),
  );
  return saved.message;
}
