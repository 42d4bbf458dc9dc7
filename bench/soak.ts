/**
 * Soak (not a test): clients sending and receiving across two API processes for a few minutes, reconnecting and
 * resuming as they go (the scenario is bench/lib/soak-scenario.ts, which test/soak.test.ts runs for seconds). Checks
 * that every acknowledged send is stored once and reaches every subscriber exactly once, in order, and samples the API
 * processes' memory. Exits 1 when a check fails. Results: bench/results/<timestamp>-soak.json.
 *
 *   npm run soak -- --minutes 3 --clients 50 --conversations 10
 *   npm run soak -- --minutes 1 --send-interval 1000 --reconnect-interval 10000
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_SOAK_OPTIONS, runSoak } from './lib/soak-scenario.ts';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '3' },
    clients: { type: 'string', default: String(DEFAULT_SOAK_OPTIONS.clients) },
    conversations: { type: 'string', default: String(DEFAULT_SOAK_OPTIONS.conversations) },
    memberships: { type: 'string', default: String(DEFAULT_SOAK_OPTIONS.membershipsPerClient) },
    'send-interval': { type: 'string', default: String(DEFAULT_SOAK_OPTIONS.sendIntervalMs) },
    'reconnect-interval': { type: 'string', default: String(DEFAULT_SOAK_OPTIONS.reconnectIntervalMs) },
    'sample-interval': { type: 'string', default: String(DEFAULT_SOAK_OPTIONS.sampleIntervalMs) },
    pool: { type: 'string', default: String(DEFAULT_SOAK_OPTIONS.databasePoolSize) },
    'no-heap': { type: 'boolean', default: false },
    redis: { type: 'string', default: process.env.REDIS_URL ?? DEFAULT_SOAK_OPTIONS.redisUrl },
  },
});

const number = (name: string, value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got ${value}`);
  return n;
};

const log = (line: string) => process.stderr.write(`${line}\n`);
// The machine is shared: how busy it was is part of the figures.
const loadBefore = loadavg().map((n) => Math.round(n * 100) / 100);
const result = await runSoak({
  durationMs: Math.round(number('minutes', values.minutes) * 60_000),
  clients: number('clients', values.clients),
  conversations: number('conversations', values.conversations),
  membershipsPerClient: number('memberships', values.memberships),
  sendIntervalMs: number('send-interval', values['send-interval']),
  reconnectIntervalMs: number('reconnect-interval', values['reconnect-interval']),
  sampleIntervalMs: number('sample-interval', values['sample-interval']),
  databasePoolSize: number('pool', values.pool),
  heapSamples: !values['no-heap'],
  redisUrl: values.redis,
  nodeEnv: 'production',
  log,
});

const c = result.counts;
const lines = [
  '',
  `Soak, ${result.startedAt}: ${Math.round(result.loadMs / 1000)} s of load, drained in ${(result.drainMs / 1000).toFixed(1)} s`,
  `  ${result.options.clients} clients, ${result.options.conversations} conversations, ${c.subscriptionChains} subscription chains`,
  `  sends acknowledged ${c.sendsAcknowledged} (${c.messagesPerSecond}/s; round trip p50 ${c.sendLatencyMs.p50} ms, ` +
    `p95 ${c.sendLatencyMs.p95} ms, max ${c.sendLatencyMs.max} ms), stored ${c.storedMessages}; ` +
    `deliberate retries ${c.deliberateRetries}, retries after an error ${c.errorRetries}, read receipts ${c.readReceipts}`,
  `  deliveries ${c.deliveries} of ${c.expectedDeliveries} expected (${c.messageDeliveries} messages); ` +
    `reconnects ${c.reconnects} (complete ${c.reconnectsByKind.complete}, close ${c.reconnectsByKind.close}, ` +
    `terminate ${c.reconnectsByKind.terminate}), subscribes ${c.subscribes}`,
  '',
  '  memory     RSS start / middle / end / idle (MB), slope over the 2nd half; the same right after a forced GC;',
  '             heap after GC start / middle / end / idle (MB), slope; open TCP sockets start / end / idle',
  ...result.memory.flatMap((m) => {
    const four = (v: { start: number; middle: number; end: number; afterIdle: number | null }) =>
      `${v.start} / ${v.middle} / ${v.end} / ${v.afterIdle ?? '-'}`;
    return [
      `  process ${m.process}  RSS ${four(m.rssMb)}, ${m.rssSlopeSecondHalfMbPerMin} MB/min ` +
        `(2nd half ${m.rssRangeSecondHalfMb.min}–${m.rssRangeSecondHalfMb.max})`,
      ...(m.rssAfterGcMb ? [`             RSS after GC ${four(m.rssAfterGcMb)}, ${m.rssAfterGcMb.slopeSecondHalfMbPerMin} MB/min`] : []),
      ...(m.heapAfterGcMb
        ? [`             heap after GC ${four(m.heapAfterGcMb)}, ${m.heapAfterGcSlopeSecondHalfMbPerMin} MB/min`]
        : []),
      ...(m.tcpSockets ? [`             TCP sockets ${m.tcpSockets.start} / ${m.tcpSockets.end} / ${m.tcpSockets.afterIdle ?? '-'}`] : []),
    ];
  }),
  '',
  ...result.checks.map((check) => `  ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`),
  '',
];
console.log(lines.join('\n'));

// Which code ran: the commit, and the source files that differed from it (the working tree may be ahead of it).
const git = (...args: string[]) => {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};
const code = { commit: git('rev-parse', 'HEAD'), uncommitted: git('status', '--porcelain', 'src')?.split('\n').filter(Boolean) ?? [] };

const stamp = result.startedAt.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
const file = new URL(`${stamp}-soak.json`, dir);
writeFileSync(
  file,
  `${JSON.stringify(
    {
      benchmark: 'soak',
      method: 'bench/lib/soak-scenario.ts (see BENCHMARKS.md, "Soak")',
      code,
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGb: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadavg().map((n) => Math.round(n * 100) / 100),
      },
      ...result,
    },
    null,
    2,
  )}\n`,
);
log(`results: ${file.pathname}`);
process.exit(result.ok ? 0 : 1);
