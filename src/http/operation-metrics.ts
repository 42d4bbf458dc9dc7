import { getOperationAST, type DocumentNode, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, Histogram, type Registry } from 'prom-client';
import { isAsyncIterable } from './async-iterable.ts';

/**
 * Operation metrics under the names yoga's Prometheus plugin uses (graphql_envelop_request, graphql_envelop_phase_execute,
 * graphql_envelop_phase_subscribe, graphql_envelop_error_result, graphql_yoga_http_duration), so dashboards built on it
 * keep working. That plugin spent ~45 µs of a request's ~155 µs (`{ __typename }`): labels rebuilt and hashed for every
 * observation, a params object per phase. Here each operation's label children are made once, cached with the parsed
 * document, and a request costs two observations and a counter increment.
 */

/** Distinct operation names kept as label values; later names share "other", so clients cannot grow the registry without bound. */
export const MAX_OPERATION_NAMES = 500;

/** Distinct error paths kept as label values, for the same reason. */
export const MAX_ERROR_PATHS = 1_000;

const OPERATION_LABELS = ['operationType', 'operationName'] as const;

interface OperationSeries {
  labels: { operationName: string; operationType: string };
  requests: ReturnType<Counter<(typeof OPERATION_LABELS)[number]>['labels']>;
  execute: ReturnType<Histogram<(typeof OPERATION_LABELS)[number]>['labels']>;
  subscribe: ReturnType<Histogram<(typeof OPERATION_LABELS)[number]>['labels']>;
  /** HTTP duration children by `${method} ${status}`. */
  http: Map<string, ReturnType<Histogram<string>['labels']>>;
}

/** The first `limit` distinct values pass as they are; later ones become "other". */
function boundedLabel(limit: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= limit) return 'other';
    seen.add(value);
    return value;
  };
}

/** An operation's count and its duration in `histogram` (execution, or a subscription's life). */
function finished(operation: OperationSeries, histogram: OperationSeries['execute'], started: number): void {
  operation.requests.inc();
  histogram.observe((performance.now() - started) / 1000);
}

export function useOperationMetrics(registry: Registry): Plugin {
  const registers = [registry];
  const requests = new Counter({
    name: 'graphql_envelop_request',
    help: 'GraphQL operations executed, by name and type',
    labelNames: OPERATION_LABELS,
    registers,
  });
  const execute = new Histogram({
    name: 'graphql_envelop_phase_execute',
    help: 'Seconds spent executing queries and mutations',
    labelNames: OPERATION_LABELS,
    registers,
  });
  const subscribe = new Histogram({
    name: 'graphql_envelop_phase_subscribe',
    help: 'Seconds a subscription lasted',
    labelNames: OPERATION_LABELS,
    registers,
  });
  const errors = new Counter({
    name: 'graphql_envelop_error_result',
    help: 'GraphQL errors by operation, phase (parse, validate, context, execute, subscribe) and field path',
    labelNames: ['operationName', 'operationType', 'phase', 'path'],
    registers,
  });
  const http = new Histogram({
    name: 'graphql_yoga_http_duration',
    help: 'Seconds from an HTTP request to its response, by operation, method and status',
    labelNames: ['operationName', 'operationType', 'method', 'statusCode'],
    registers,
  });

  const operationNameLabel = boundedLabel(MAX_OPERATION_NAMES);
  const series = new Map<string, OperationSeries>();
  const seriesFor = (operationType: string, requestedName: string): OperationSeries => {
    const operationName = operationNameLabel(requestedName);
    const key = `${operationType} ${operationName}`;
    let found = series.get(key);
    if (!found) {
      const labels = { operationName, operationType };
      found = {
        labels,
        requests: requests.labels(labels),
        execute: execute.labels(labels),
        subscribe: subscribe.labels(labels),
        http: new Map(),
      };
      series.set(key, found);
    }
    return found;
  };

  // Most documents hold one operation: its series is kept with the (cached) parsed document.
  const byDocument = new WeakMap<DocumentNode, OperationSeries>();
  const operationOf = (document: DocumentNode, operationName: string | null | undefined): OperationSeries | undefined => {
    const single = document.definitions.length === 1;
    if (single) {
      const known = byDocument.get(document);
      if (known) return known;
    }
    const operation = getOperationAST(document, operationName);
    if (!operation) return undefined;
    const found = seriesFor(operation.operation, operationName || operation.name?.value || 'Anonymous');
    if (single) byDocument.set(document, found);
    return found;
  };

  const byContext = new WeakMap<object, OperationSeries>();
  const startedAt = new WeakMap<Request, number>();
  const byRequest = new WeakMap<Request, OperationSeries>();

  const pathLabel = boundedLabel(MAX_ERROR_PATHS);
  const countError = (phase: string, operation: OperationSeries | undefined, error?: GraphQLError) => {
    // A path names the field, not the list item: indices would make a series per position. Its segments are response
    // keys, which aliases let clients choose, so paths are bounded like operation names.
    const path = error?.path?.filter((segment) => typeof segment === 'string').join('.');
    errors.inc({ ...operation?.labels, phase, ...(path ? { path: pathLabel(path) } : {}) });
  };
  const countErrors = (phase: string, operation: OperationSeries, result: ExecutionResult) => {
    if (result.errors) for (const error of result.errors) countError(phase, operation, error);
  };
  /** A result's errors, then the operation's count and duration; a stream's errors per item and its duration at its end. */
  const observeResult = (
    phase: 'execute' | 'subscribe',
    operation: OperationSeries,
    started: number,
    result: ExecutionResult | AsyncIterable<ExecutionResult>,
  ) => {
    if (!isAsyncIterable(result)) {
      countErrors(phase, operation, result);
      return finished(operation, operation[phase], started);
    }
    return {
      onNext({ result: next }: { result: ExecutionResult }) {
        countErrors(phase, operation, next);
      },
      onEnd() {
        finished(operation, operation[phase], started);
      },
    };
  };

  // Hooks made per request are methods: tsx (esbuild keepNames) names an arrow function held in a variable or property
  // with a defineProperty each time it is made.
  return {
    onPluginInit({ registerContextErrorHandler }) {
      registerContextErrorHandler(({ context }) => countError('context', byContext.get(context)));
    },
    onRequest({ request }) {
      startedAt.set(request, performance.now());
    },
    onParse({ context }) {
      return ({ result }) => {
        const ctx = context as { params?: { operationName?: string | null }; request?: Request };
        if (!result || result instanceof Error) return countError('parse', undefined);
        const operation = operationOf(result, ctx.params?.operationName);
        if (!operation) return;
        byContext.set(context, operation);
        if (ctx.request) byRequest.set(ctx.request, operation);
      };
    },
    onValidate({ context }) {
      return ({ valid }) => {
        if (!valid) countError('validate', byContext.get(context));
      };
    },
    onExecute({ args }) {
      const operation = operationOf(args.document, args.operationName);
      if (!operation) return;
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          return observeResult('execute', operation, started, result);
        },
      };
    },
    onSubscribe({ args }) {
      const operation = operationOf(args.document, args.operationName);
      if (!operation) return;
      const started = performance.now();
      return {
        onSubscribeError() {
          countError('subscribe', operation);
        },
        onSubscribeResult({ result }) {
          return observeResult('subscribe', operation, started, result);
        },
      };
    },
    onResponse({ request, response }) {
      const started = startedAt.get(request);
      const operation = byRequest.get(request);
      if (started === undefined || !operation) return;
      const key = `${request.method} ${response.status}`;
      let child = operation.http.get(key);
      if (!child) {
        child = http.labels({ ...operation.labels, method: request.method, statusCode: String(response.status) });
        operation.http.set(key, child);
      }
      child.observe((performance.now() - started) / 1000);
    },
  };
}
