import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { jsonb } from '../db/sql-helpers.ts';
import type { JobRow } from '../db/types.ts';
import type { Logger } from '../logger.ts';
import type { Presence } from '../pubsub/presence.ts';
import type { PubSub } from '../pubsub/pubsub.ts';
import type { AiProvider } from './ai/provider.ts';
import { JOB_TYPES, type JobType } from './definitions.ts';
import { processors } from './processors/index.ts';

export interface JobDeps {
  db: Db;
  pubsub: PubSub;
  presence: Pick<Presence, 'isOnline'>;
  ai: AiProvider;
  logger: Logger;
}

export interface ProcessorContext<I = unknown> extends JobDeps {
  job: JobRow;
  input: I;
  attempt: number;
  /** Aborted when the job times out or is cancelled: stop and throw. */
  signal: AbortSignal;
  /** Tells jobUpdated subscribers how far along it is (not stored until the job ends). */
  progress(update: { progress?: number; output?: unknown }): void;
}

/** Input no retry can fix: the job fails at once. */
export class PermanentJobError extends Error {}

export type RunOutcome = 'completed' | 'failed' | 'retry' | 'skipped';

/**
 * Runs one attempt of a job, keeping its row the source of truth: active with the attempt number, then completed with
 * its output, or failed with the error (or back to queued when another attempt follows). Delivery is at least once, so
 * a job that is already finished or cancelled is skipped, and processors are idempotent.
 */
export async function runJob(deps: JobDeps, jobId: string, attempt: number): Promise<RunOutcome> {
  const job = await deps.db
    .updateTable('jobs')
    .set({
      status: 'active',
      attempts: attempt,
      started_at: sql`coalesce(started_at, now())`,
      updated_at: sql`now()`,
    })
    .where('id', '=', jobId)
    .where('status', 'in', ['queued', 'active'])
    .returningAll()
    .executeTakeFirst();
  if (!job) return 'skipped';
  publishJob(deps, job.id);

  const definition = JOB_TYPES[job.type as JobType];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${definition.timeoutMs} ms`)), definition.timeoutMs);
  const cancelled = watchCancellation(deps, job.id, controller);
  try {
    const parsed = definition?.input.safeParse(job.input);
    if (!definition || !parsed?.success) throw new PermanentJobError(`invalid input for ${job.type}`);
    const output = await processors[job.type as JobType]({
      ...deps,
      job,
      input: parsed.data as never,
      attempt,
      signal: controller.signal,
      progress: (update) => publishJob(deps, job.id, update),
    });
    await finish(deps, job.id, { status: 'completed', output, error: null });
    return 'completed';
  } catch (error) {
    const message = controller.signal.aborted
      ? String((controller.signal.reason as Error)?.message ?? 'aborted')
      : (error as Error).message;
    const final = error instanceof PermanentJobError || attempt >= job.max_attempts;
    await finish(deps, job.id, { status: final ? 'failed' : 'queued', output: null, error: message.slice(0, 1000) });
    if (!final) deps.logger.warn({ jobId, attempt, err: error }, 'job attempt failed; it will be retried');
    return final ? 'failed' : 'retry';
  } finally {
    clearTimeout(timer);
    await cancelled.return?.();
  }
}

async function finish(
  deps: JobDeps,
  jobId: string,
  result: { status: 'completed' | 'failed' | 'queued'; output: unknown; error: string | null },
) {
  const done = result.status !== 'queued';
  // A job cancelled while it ran stays cancelled.
  await deps.db
    .updateTable('jobs')
    .set({
      status: result.status,
      output: result.output === null || result.output === undefined ? null : jsonb(result.output),
      error: result.error,
      ...(result.status === 'completed' && { progress: 1 }),
      ...(done && { completed_at: sql`now()` }),
      updated_at: sql`now()`,
    })
    .where('id', '=', jobId)
    .where('status', '<>', 'cancelled')
    .execute();
  publishJob(deps, jobId);
}

export function publishJob(deps: Pick<JobDeps, 'pubsub'>, jobId: string, partial?: { progress?: number; output?: unknown }) {
  deps.pubsub.publish('job', jobId, { jobId, ...(partial && { partial }) });
}

/** Aborts the running attempt when the job is cancelled (cancelJob publishes on the job's topic). */
function watchCancellation(deps: JobDeps, jobId: string, controller: AbortController) {
  const listener = deps.pubsub.listen('job', jobId);
  void (async () => {
    for await (const event of listener) {
      if (event.cancelled) controller.abort(new Error('cancelled'));
    }
  })().catch(() => {});
  return listener;
}
