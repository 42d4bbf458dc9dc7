import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { jsonb } from '../db/sql-helpers.ts';
import type { JobRow, JobStatus } from '../db/types.ts';
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
  // Only jobs a user submitted can be cancelled: internal ones (a notification per message) hold no channel for it.
  const cancelled = definition?.submittable && job.creator_id ? watchCancellation(deps, job.id, controller) : undefined;
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
    const recorded = await finish(deps, job.id, { status: final ? 'failed' : 'queued', output: null, error: message.slice(0, 1000) });
    if (!recorded) {
      // A stale run (its worker froze past its lock, and the job ran again elsewhere): the job has ended without it.
      deps.logger.warn({ jobId, attempt, err: error }, 'job attempt failed after the job had ended elsewhere; nothing to retry');
      return 'skipped';
    }
    if (!final) deps.logger.warn({ jobId, attempt, err: error }, 'job attempt failed; it will be retried');
    return final ? 'failed' : 'retry';
  } finally {
    clearTimeout(timer);
    await cancelled?.return?.();
  }
}

/**
 * Records how an attempt ended; false when the row had already ended. Delivery is at least once: a worker that froze
 * past its lock may still be running an attempt when another worker has run the job again and finished it. So a job
 * cancelled while it ran stays cancelled; a failed attempt (retry or not) only changes a row still queued or active,
 * never one completed elsewhere; and a completed attempt also overrides a failed row, since its reply is saved.
 */
async function finish(
  deps: JobDeps,
  jobId: string,
  result: { status: 'completed' | 'failed' | 'queued'; output: unknown; error: string | null },
): Promise<boolean> {
  const done = result.status !== 'queued';
  const from: JobStatus[] = result.status === 'completed' ? ['queued', 'active', 'failed'] : ['queued', 'active'];
  const updated = await deps.db
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
    .where('status', 'in', from)
    .returning('id')
    .executeTakeFirst();
  if (updated) publishJob(deps, jobId);
  return updated !== undefined;
}

/**
 * Records a job the queue gave up on without an attempt recording its end (it stalled more often than allowed, or an
 * attempt died before it could write the row): a row still queued or active becomes failed, so that it does not say
 * "running" for ever. A row that already ended (or was cancelled) stays as it is.
 */
export async function failAbandoned(deps: Pick<JobDeps, 'db' | 'pubsub'>, jobId: string, message: string): Promise<boolean> {
  const updated = await deps.db
    .updateTable('jobs')
    .set({ status: 'failed', error: message.slice(0, 1000), completed_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', jobId)
    .where('status', 'in', ['queued', 'active'])
    .returning('id')
    .executeTakeFirst();
  if (updated) publishJob(deps, jobId);
  return updated !== undefined;
}

export function publishJob(deps: Pick<JobDeps, 'pubsub'>, jobId: string, partial?: { progress?: number; output?: unknown }) {
  deps.pubsub.publish('job', jobId, { jobId, ...(partial && { partial }) });
}

/** Aborts the running attempt when the job is cancelled (cancelJob publishes on the job's topic). */
function watchCancellation(deps: JobDeps, jobId: string, controller: AbortController) {
  const listener = deps.pubsub.listen('job', jobId);
  // A cancel published before the listener was in place is in the row: look once it is.
  void listener.ready
    .then(async () => {
      const row = await deps.db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirst();
      if (row?.status === 'cancelled') controller.abort(new Error('cancelled'));
    })
    .catch(() => {});
  void (async () => {
    for await (const event of listener) {
      if (event.cancelled) controller.abort(new Error('cancelled'));
    }
  })().catch(() => {});
  return listener;
}
