import { sql } from 'kysely';
import type { Context } from '../context.ts';
import { jsonb } from '../db/sql-helpers.ts';
import type { JobPriority, JobRow, JobStatus } from '../db/types.ts';
import { badInput, notFound } from '../errors.ts';
import { isJobType, JOB_TYPES, type JobType } from '../jobs/definitions.ts';
import { useUncachedLoaders } from '../loaders/index.ts';
import { releasable } from '../pubsub/releasable.ts';
import { requireConversationMember, requireViewer } from './access.ts';
import { newestFirstConnection, newestFirstPage, selectNewestFirst, type Connection } from './pagination.ts';

export const MAX_DELAY_MS = 7 * 24 * 3600 * 1000;

export interface SubmitJobInput {
  type: string;
  input?: unknown;
  priority?: JobPriority | null;
  delayMs?: number | null;
}

/** Validates the input for its type, writes the row (queued), then hands the id to the queue. */
export async function submitJob(ctx: Context, args: SubmitJobInput): Promise<JobRow> {
  const viewer = requireViewer(ctx);
  await ctx.rateLimits.consume('submitJob', viewer.id);
  if (!isJobType(args.type) || !JOB_TYPES[args.type].submittable) {
    const types = Object.entries(JOB_TYPES).filter(([, d]) => d.submittable).map(([t]) => t);
    throw badInput(`type must be one of ${types.join(', ')}`, 'input.type');
  }
  const parsed = JOB_TYPES[args.type].input.safeParse(args.input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['input', 'input', ...(issue?.path ?? []).map(String)].join('.');
    throw badInput(`${path}: ${issue?.message ?? 'invalid'}`, path);
  }
  const input = parsed.data as Record<string, unknown>;
  if (args.type === 'ai-chat') await requireConversationMember(ctx, input.conversationId as string);
  if (args.type === 'user-analytics') input.userId = viewer.id;
  return enqueueJob(ctx, {
    type: args.type,
    input,
    priority: args.priority ?? 'normal',
    delayMs: args.delayMs ?? 0,
    creatorId: viewer.id,
  });
}

/** Writes a job's row and queues it; also how the API enqueues its own jobs (message notifications). */
export async function enqueueJob(
  ctx: Pick<Context, 'db' | 'jobs'>,
  job: { type: JobType; input: Record<string, unknown>; priority: JobPriority; delayMs: number; creatorId: string | null },
): Promise<JobRow> {
  const row = await ctx.db
    .insertInto('jobs')
    .values({
      type: job.type,
      input: jsonb(job.input),
      priority: job.priority,
      max_attempts: JOB_TYPES[job.type].attempts,
      creator_id: job.creatorId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await ctx.jobs.enqueue({ id: row.id, type: job.type, priority: job.priority, delayMs: job.delayMs });
  return row;
}

/** The viewer's own jobs only; anyone else's is NOT_FOUND. */
export async function getJob(ctx: Context, id: string): Promise<JobRow> {
  const viewer = requireViewer(ctx);
  const job = await ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!job || job.creator_id !== viewer.id) throw notFound('Job');
  return job;
}

/** The viewer's jobs, newest first, optionally of one status. */
export async function listJobs(
  ctx: Context,
  args: { first: number; after?: string | null; status?: JobStatus | null },
): Promise<Connection<JobRow>> {
  const viewer = requireViewer(ctx);
  const page = newestFirstPage('job', args);
  const base = ctx.db
    .selectFrom('jobs')
    .where('creator_id', '=', viewer.id)
    .$if(args.status != null, (qb) => qb.where('status', '=', args.status!));
  const rows = await selectNewestFirst(base.selectAll(), { time: 'created_at', id: 'id' }, page).execute();
  return newestFirstConnection(page, rows, (job) => job, async () =>
    Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
  );
}

/** Cancels a queued or running job of the viewer's; a finished one is returned as it is. */
export async function cancelJob(ctx: Context, id: string): Promise<JobRow> {
  const job = await getJob(ctx, id);
  const cancelled = await ctx.db
    .updateTable('jobs')
    .set({ status: 'cancelled', completed_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', job.id)
    .where('status', 'in', ['queued', 'active'])
    .returningAll()
    .executeTakeFirst();
  if (!cancelled) return job;
  await ctx.jobs.remove(job.id);
  ctx.pubsub.publish('job', job.id, { jobId: job.id, cancelled: true });
  return cancelled;
}

export type JobUpdate = JobRow & { partial?: { progress?: number; output?: unknown } };

/** The job's changes as they happen (status, progress, partial output), starting with its current state. */
export async function jobUpdatedStream(ctx: Context, id: string): Promise<AsyncIterable<JobUpdate>> {
  const viewer = requireViewer(ctx);
  await getJob(ctx, id);
  useUncachedLoaders(ctx, viewer.id);
  const live = ctx.pubsub.listen('job', id);
  await live.ready.catch(() => {});
  const load = () => ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  async function* stream(): AsyncGenerator<JobUpdate> {
    try {
      let row = await load();
      yield row;
      if (isFinished(row.status)) return;
      for await (const event of live) {
        // Progress of a running attempt (an AI reply streaming) changes nothing stored: no read per token.
        if (event.partial && row.status === 'active') {
          yield { ...row, partial: event.partial };
          continue;
        }
        row = await load();
        yield row;
        if (isFinished(row.status)) return;
      }
    } finally {
      await live.return?.();
    }
  }
  return releasable(live, stream());
}

const isFinished = (status: JobStatus) => status === 'completed' || status === 'failed' || status === 'cancelled';
