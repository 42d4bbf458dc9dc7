import { describe, expect, it } from 'vitest';
import { runSoak } from '../bench/lib/soak-scenario.ts';

// The soak scenario of `npm run soak` (bench/lib/soak-scenario.ts), shortened: two real API processes on a fresh
// Postgres database and the shared Redis; clients send over HTTP to either process while subscribed over graphql-ws,
// and keep dropping their sockets (complete, close, TCP kill) and resuming on the other process with their last cursor.
// Only correctness is asserted here; speed and memory are figures of the benchmark (BENCHMARKS.md, "Soak").

describe('soak (short): sending and resuming across two API processes', () => {
  it('stores every acknowledged send once and delivers it to every subscriber exactly once, in order, across resumes', async () => {
    const result = await runSoak({
      durationMs: 25_000,
      clients: 12,
      conversations: 4,
      membershipsPerClient: 3,
      sendIntervalMs: 1_000,
      reconnectIntervalMs: 5_000,
      offlineMs: [100, 1_500],
      heapSamples: false,
      idleMs: 0,
      drainTimeoutMs: 30_000,
      nodeEnv: 'test',
      redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    });

    // The scenario did what it is for: messages flowed, every kind of drop happened, and subscriptions resumed.
    expect(result.counts.sendsAcknowledged).toBeGreaterThan(50);
    expect(result.counts.deliberateRetries).toBeGreaterThan(0);
    expect(result.counts.reconnectsByKind.complete).toBeGreaterThan(0);
    expect(result.counts.reconnectsByKind.close).toBeGreaterThan(0);
    expect(result.counts.reconnectsByKind.terminate).toBeGreaterThan(0);
    expect(result.counts.subscribes).toBeGreaterThan(result.counts.subscriptionChains);

    expect(result.counts.storedMessages).toBe(result.counts.sendsAcknowledged);
    expect(result.counts.deliveries).toBe(result.counts.expectedDeliveries);
    expect(result.errors).toEqual([]);
    for (const check of result.checks) expect(check.ok, `${check.name}: ${check.detail}`).toBe(true);
  }, 180_000);
});
