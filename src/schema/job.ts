import type { JobRow } from '../db/types.ts';
import { cancelJob, getJob, jobUpdatedStream, listJobs, MAX_DELAY_MS, submitJob, type JobUpdate } from '../resolvers/jobs.ts';
import { DEFAULT_PAGE_SIZE } from '../resolvers/pagination.ts';
import type { TopicPayloads } from '../pubsub/topics.ts';
import { builder } from './builder.ts';
import { connectionType } from './connection.ts';
import { MessageRef } from './message.ts';
import { ProfileRef } from './profile.ts';
import { ConversationRef } from './conversation.ts';
import * as v from './validation.ts';
import { z } from 'zod';
import { aiResponseStream, type AiResponseItem } from '../resolvers/ai-response.ts';
import { MEMBERSHIP_ENDED } from '../resolvers/conversation-feed.ts';
import { forbidden } from '../errors.ts';
import { PER_VIEWER } from './sharing.ts';

const JobStatusEnum = builder.enumType('JobStatus', {
  values: {
    QUEUED: { value: 'queued' },
    ACTIVE: { value: 'active' },
    COMPLETED: { value: 'completed' },
    FAILED: { value: 'failed' },
    CANCELLED: { value: 'cancelled' },
  } as const,
});

const JobPriorityEnum = builder.enumType('JobPriority', {
  values: { LOW: { value: 'low' }, NORMAL: { value: 'normal' }, HIGH: { value: 'high' } } as const,
});

export const JobRef = builder.objectRef<JobUpdate>('Job').implement({
  description: 'A background job: its row is the source of truth, updated by the worker that runs it',
  fields: (t) => ({
    id: t.exposeID('id'),
    type: t.exposeString('type', { description: 'ai-chat, message-notification or user-analytics' }),
    status: t.field({ type: JobStatusEnum, resolve: (job) => job.status }),
    input: t.field({ type: 'JSON', resolve: (job) => job.input }),
    output: t.field({
      type: 'JSON',
      nullable: true,
      description: 'The result; while it runs, what it has produced so far (an AI reply as it streams)',
      resolve: (job) => job.partial?.output ?? job.output ?? null,
    }),
    error: t.exposeString('error', { nullable: true }),
    progress: t.float({ nullable: true, resolve: (job) => job.partial?.progress ?? job.progress }),
    attempts: t.exposeInt('attempts'),
    maxAttempts: t.exposeInt('max_attempts'),
    priority: t.field({ type: JobPriorityEnum, resolve: (job) => job.priority }),
    createdAt: t.expose('created_at', { type: 'DateTime' }),
    startedAt: t.expose('started_at', { type: 'DateTime', nullable: true }),
    completedAt: t.expose('completed_at', { type: 'DateTime', nullable: true }),
  }),
});

const JobConnection = connectionType<JobRow>('Job', JobRef);

const SubmitJobInput = builder.inputType('SubmitJobInput', {
  fields: (t) => ({
    type: t.string({
      required: true,
      description: 'ai-chat ({conversationId, prompt?}) or user-analytics ({})',
      validate: { schema: z.string().max(100, { message: 'must be at most 100 characters' }) },
    }),
    input: t.field({ type: 'JSON', description: 'Validated per type' }),
    priority: t.field({ type: JobPriorityEnum, description: 'NORMAL by default' }),
    delayMs: t.int({
      description: 'Start no earlier than this many milliseconds from now (at most 7 days)',
      validate: { schema: z.number().int().min(0).max(MAX_DELAY_MS) },
    }),
  }),
});

type AiItem = TopicPayloads['ai'];

const AiResponseEventRef = builder.objectRef<AiItem>('AiResponseEvent').implement({
  description: 'An AI reply streaming into a conversation: text so far, the latest delta, and the saved message when done',
  fields: (t) => ({
    job: t.field({
      type: JobRef,
      nullable: true,
      description: 'The job, for its submitter; null for everyone else',
      extensions: PER_VIEWER,
      resolve: async (event, _args, ctx) => {
        const job = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', event.jobId).executeTakeFirst();
        return job && job.creator_id === ctx.viewer?.id ? job : null;
      },
    }),
    jobId: t.exposeID('jobId'),
    agent: t.field({ type: ProfileRef, resolve: async (event, _args, ctx) => (await ctx.loaders.profile.load(event.agentId))! }),
    conversation: t.field({
      type: ConversationRef,
      resolve: async (event, _args, ctx) => (await ctx.loaders.conversation.load(event.conversationId))!,
    }),
    delta: t.exposeString('delta'),
    text: t.exposeString('text', {
      description: 'The reply so far; it starts over (empty) when an attempt fails and another attempt follows',
    }),
    done: t.exposeBoolean('done', {
      description: 'The last event of a reply: with its saved message, or with none when the job failed or was cancelled',
    }),
    message: t.field({
      type: MessageRef,
      nullable: true,
      description: 'The saved reply, once done; null while streaming and when the job ended without a reply',
      resolve: (event, _args, ctx) => (event.messageId ? ctx.loaders.message.load(event.messageId) : null),
    }),
  }),
});

builder.queryFields((t) => ({
  job: t.field({
    type: JobRef,
    nullable: true,
    args: { id: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    resolve: (_root, args, ctx) => getJob(ctx, args.id),
  }),
  jobs: t.field({
    type: JobConnection,
    description: "The signed-in user's jobs, newest first",
    args: {
      first: t.arg.int({ defaultValue: DEFAULT_PAGE_SIZE, validate: { schema: v.pageSize } }),
      after: t.arg.string({ validate: { schema: v.cursor } }),
      status: t.arg({ type: JobStatusEnum }),
    },
    resolve: (_root, args, ctx) =>
      listJobs(ctx, { first: args.first ?? DEFAULT_PAGE_SIZE, after: args.after, status: args.status }),
  }),
}));

builder.mutationFields((t) => ({
  submitJob: t.field({
    type: JobRef,
    args: { input: t.arg({ type: SubmitJobInput, required: true }) },
    resolve: (_root, { input }, ctx) => submitJob(ctx, input),
  }),
  cancelJob: t.field({
    type: JobRef,
    args: { id: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    resolve: (_root, args, ctx) => cancelJob(ctx, args.id),
  }),
}));

builder.subscriptionFields((t) => ({
  jobUpdated: t.field({
    type: JobRef,
    description: 'The job as it is now, then every change (status, progress, partial output) until it ends',
    args: { id: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    subscribe: (_root, args, ctx) => jobUpdatedStream(ctx, args.id),
    resolve: (job: JobUpdate) => job,
  }),
  aiResponse: t.field({
    type: AiResponseEventRef,
    description:
      'AI replies streaming into a conversation, for everyone watching it. Members only: it ends with FORBIDDEN when the ' +
      'viewer leaves the conversation.',
    args: { conversationId: t.arg.id({ required: true, validate: { schema: v.uuid } }) },
    subscribe: (_root, args, ctx) => aiResponseStream(ctx, args.conversationId),
    resolve: (item: AiResponseItem) => {
      if (item === MEMBERSHIP_ENDED) throw forbidden('You are no longer a member of this conversation');
      return item;
    },
  }),
}));
