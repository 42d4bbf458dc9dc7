import { z } from 'zod';
import * as v from '../schema/validation.ts';

/**
 * Every job type: its input (validated before the row is written, and again by the worker), its retry policy, and
 * whether clients may submit it (message notifications are enqueued by sendMessage only).
 */
export const JOB_TYPES = {
  'ai-chat': {
    input: z.strictObject({ conversationId: v.uuid, prompt: v.messageContent.optional() }),
    attempts: 3,
    backoffMs: 2_000,
    timeoutMs: 120_000,
    submittable: true,
  },
  'message-notification': {
    input: z.strictObject({ messageId: v.uuid }),
    attempts: 5,
    backoffMs: 1_000,
    timeoutMs: 30_000,
    submittable: false,
  },
  'user-analytics': {
    input: z.strictObject({ userId: v.uuid.optional() }),
    attempts: 3,
    backoffMs: 5_000,
    timeoutMs: 300_000,
    submittable: true,
  },
} as const;

export type JobType = keyof typeof JOB_TYPES;
export type JobInput<T extends JobType> = z.infer<(typeof JOB_TYPES)[T]['input']>;

export const isJobType = (type: string): type is JobType => Object.hasOwn(JOB_TYPES, type);

/** BullMQ priorities: lower runs first. */
export const PRIORITY = { high: 1, normal: 5, low: 10 } as const;

/** How long a finished job stays in Redis (the row in Postgres stays for good). */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 1_000 };
export const KEEP_FAILED = { age: 7 * 24 * 3600, count: 5_000 };

export const QUEUE_NAME = 'uvian-jobs';
