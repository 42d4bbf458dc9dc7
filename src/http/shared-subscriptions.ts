import {
  createSourceEventStream,
  getOperationAST,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { withEventLoaders } from '../loaders/index.ts';
import { ConversationFeed, MEMBERSHIP_ENDED } from '../resolvers/conversation-feed.ts';
import { isSharedEvent } from '../resolvers/events.ts';
import type { CompiledExecution } from './compiled-execution.ts';
import { maskUnexpectedError } from './mask-errors.ts';
import { BroadcastGroup, SocketWriter, type GroupRun } from './socket-broadcast.ts';
import { pushedSubscription } from './ws-connection.ts';

/**
 * One execution per live event per group of identical subscriptions (DESIGN.md, "Fan-out").
 *
 * graphql-js executes a subscription's selection once per subscriber per event. Here, subscribers of a SHARED_EVENTS root
 * field (src/schema/sharing.ts) that sent the same document and the same variables (apart from those only the root
 * field's arguments use, such as `after`) share one execution of each live event, and so one result object. Over
 * graphql-ws that result is serialised once and its bytes written to every socket of the group (socket-broadcast.ts); SSE takes
 * the shared result through the usual iterator. A selection that reaches a PER_VIEWER field is grouped per viewer as
 * well. Replayed events are read and executed per subscriber.
 */
export function createSharedSubscriptions(compiled: Pick<CompiledExecution, 'execute'>) {
  const plans = new WeakMap<DocumentNode, Map<string | undefined, Plan | null>>();
  const results = new WeakMap<object, Map<string, MaybePromise<ExecutionResult>>>();
  const serialised = new WeakMap<ExecutionResult, string>();
  const groups = new Map<string, Map<string, BroadcastGroup>>();

  const planFor = (args: ExecutionArgs): Plan | null => {
    let byOperation = plans.get(args.document);
    if (!byOperation) plans.set(args.document, (byOperation = new Map()));
    const name = args.operationName ?? undefined;
    if (!byOperation.has(name)) byOperation.set(name, makePlan(args));
    return byOperation.get(name)!;
  };

  /**
   * Executes one event for one subscriber; a live conversation event reads its rows through that event's loaders. The
   * result comes at once when every resolver answered at once (a live message carries its row).
   */
  const executeEvent = (args: ExecutionArgs, event: unknown): MaybePromise<ExecutionResult> => {
    const ctx = args.contextValue as Context;
    const contextValue =
      typeof event === 'object' && event !== null && isSharedEvent(event)
        ? { ...ctx, loaders: withEventLoaders(ctx, ctx.loaders, event) }
        : ctx;
    return compiled.execute({ ...args, contextValue, rootValue: event });
  };

  /** One execution per event and group: the same result object for every subscriber of the group. */
  const executeShared = (args: ExecutionArgs, key: string, event: unknown): MaybePromise<ExecutionResult> => {
    if (typeof event !== 'object' || event === null || !isSharedEvent(event)) return executeEvent(args, event);
    let byKey = results.get(event);
    if (!byKey) results.set(event, (byKey = new Map()));
    let result = byKey.get(key);
    if (!result) byKey.set(key, (result = executeEvent(args, event)));
    return result;
  };

  /** A result as graphql-ws sends it, serialised once however many sockets it goes to. */
  const json = (result: ExecutionResult): string => {
    let text = serialised.get(result);
    if (text === undefined) {
      const errors = result.errors?.map((error) =>
        (maskUnexpectedError(error, 'Unexpected error.') as GraphQLError).toJSON(),
      );
      text = JSON.stringify(errors ? { ...result, errors } : result);
      serialised.set(result, text);
    }
    return text;
  };

  /** The broadcast group of a WebSocket subscriber: one per conversation on this process and group key. */
  const groupOf = (args: ExecutionArgs, key: string, feed: ConversationFeed): BroadcastGroup => {
    let byKey = groups.get(feed.conversationId);
    if (!byKey) groups.set(feed.conversationId, (byKey = new Map()));
    let group = byKey.get(key);
    if (!group) {
      // The first member's arguments execute for all: they share document, variables and (for PER_VIEWER selections)
      // viewer, and nothing else of a member's context goes into a result.
      const run: GroupRun = {
        shared: (event) => mapMaybePromise(executeShared(args, key, event), json),
        own: async (event) => json(await executeEvent(args, event)),
        last: async () => json(await executeEvent(args, MEMBERSHIP_ENDED)),
      };
      const created = new BroadcastGroup(run, () => {
        if (byKey.get(key) === created) byKey.delete(key);
        if (byKey.size === 0 && groups.get(feed.conversationId) === byKey) groups.delete(feed.conversationId);
      });
      byKey.set(key, (group = created));
    }
    return group;
  };

  async function subscribe(args: ExecutionArgs) {
    const source = await createSourceEventStream(args);
    if (!(Symbol.asyncIterator in source)) return source;
    const events = source as AsyncIterableIterator<unknown>;
    const plan = planFor(args);
    if (!plan) return mapAsyncIterator(events, (event) => executeEvent(args, event));
    const groupKey = groupKeyOf(args, plan);
    const socket = (args.contextValue as Context).socket;
    if (socket && source instanceof ConversationFeed) {
      // Over graphql-ws the subscriber writes to its socket itself; nothing of this request is kept for it.
      return pushedSubscription(new SocketWriter(socket, source, groupOf(args, groupKey, source)).start());
    }
    return mapAsyncIterator(events, (event) => executeShared(args, groupKey, event));
  }

  return {
    plugin: {
      onSubscribe({ setSubscribeFn }) {
        setSubscribeFn(subscribe as never);
      },
    } satisfies Plugin<Record<string, unknown>>,
    /** graphql-ws subscriptions writing to their sockets (the metrics count them with the iterated ones). */
    pushed: () => {
      let count = 0;
      for (const byKey of groups.values()) for (const group of byKey.values()) count += group.size;
      return count;
    },
  };
}

type MaybePromise<T> = T | Promise<T>;

function mapMaybePromise<T, R>(value: MaybePromise<T>, map: (value: T) => R): MaybePromise<R> {
  return value instanceof Promise ? value.then(map) : map(value);
}

let planIds = 0;

/** Subscribers with the same key share an event's execution: same document and operation, same variables it reads. */
function groupKeyOf(args: ExecutionArgs, plan: Plan): string {
  const viewerId = plan.perViewer ? ((args.contextValue as Context).viewer?.id ?? '') : '';
  const variables = plan.variables.map((name) => args.variableValues?.[name] ?? null);
  return `${plan.id}\u0000${viewerId}\u0000${JSON.stringify(variables)}`;
}

interface Plan {
  /** One per parsed document and operation: only subscribers of the same one share results. */
  id: number;
  /** Variables the execution of an event reads (the root field's own arguments are read by its stream, once). */
  variables: string[];
  perViewer: boolean;
}

/** null when this operation's events cannot be shared (its root field is not SHARED_EVENTS). */
function makePlan(args: ExecutionArgs): Plan | null {
  const operation = getOperationAST(args.document, args.operationName);
  const rootType = args.schema.getSubscriptionType();
  if (!operation || !rootType || operation.selectionSet.selections.length !== 1) return null;
  const root = operation.selectionSet.selections[0]!;
  if (root.kind !== Kind.FIELD || root.directives?.length) return null;
  const rootField = rootType.getFields()[root.name.value];
  if (!rootField?.extensions?.sharedEvents) return null;

  const variables = new Set<string>();
  let perViewer = false;
  const typeInfo = new TypeInfo(args.schema);
  // Fragments are visited where they are defined, which covers every field the selection can reach.
  visit(
    args.document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        if (typeInfo.getFieldDef()?.extensions?.perViewer) perViewer = true;
      },
      Argument(node, _key, _parent, _path, ancestors) {
        // The root field's arguments shape the stream, not the execution of its events.
        if (ancestors.at(-1) === root) return false;
        visit(node, { Variable: (variable) => void variables.add(variable.name.value) });
        return false;
      },
      Directive(node) {
        visit(node, { Variable: (variable) => void variables.add(variable.name.value) });
        return false;
      },
    }),
  );
  return { id: (planIds += 1), variables: [...variables].sort(), perViewer };
}

/**
 * Maps a source stream; return() reaches the source at once (conversation streams wait on live events that may never
 * come, see src/pubsub/releasable.ts).
 */
function mapAsyncIterator<T, R>(
  source: AsyncIterableIterator<T>,
  map: (value: T) => Promise<R> | R,
): AsyncIterableIterator<R> {
  const iterator: AsyncIterableIterator<R> = {
    async next() {
      const step = await source.next();
      if (step.done) return step;
      return { value: await map(step.value), done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
