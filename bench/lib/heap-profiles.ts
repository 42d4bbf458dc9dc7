/**
 * With BENCH_HEAP_PROF=<dir> in the environment: a sampling heap profile of each server process over a phase of a
 * benchmark (for diagnosis, like BENCH_CPU_PROF). Objects a scavenge collected are left out and those a full collection
 * collected are kept, so the profile shows what lived long enough to be copied or promoted (what makes young-generation
 * collections slow and old-generation ones frequent), not short-lived garbage. Open the `.heapprofile` files in Chrome
 * DevTools (Memory) or read them with any JSON tool.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiProcess } from './api-process.ts';
import type { Inspector } from './inspector.ts';

/** One sample per this many bytes allocated (V8's default is 32 KiB). */
const SAMPLING_INTERVAL = 8 * 1024;

export interface HeapProfiles {
  /** Stops sampling and writes `<dir>/<name>-<process label>.heapprofile` for every process. */
  write(name: string): Promise<void>;
}

/** Starts sampling in every process, or returns undefined without BENCH_HEAP_PROF. */
export async function startHeapProfiles(services: readonly ApiProcess[]): Promise<HeapProfiles | undefined> {
  const dir = process.env.BENCH_HEAP_PROF;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const sessions: Array<{ label: string; inspector: Inspector }> = [];
  for (const service of services) {
    const inspector = await service.inspect();
    sessions.push({ label: service.label, inspector });
    await inspector.call('HeapProfiler.enable');
    await inspector.call('HeapProfiler.startSampling', {
      samplingInterval: SAMPLING_INTERVAL,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: false,
    });
  }
  return {
    async write(name) {
      for (const { label, inspector } of sessions) {
        try {
          const { profile } = await inspector.call<{ profile: unknown }>('HeapProfiler.stopSampling');
          writeFileSync(join(dir, `${name}-${label}.heapprofile`), JSON.stringify(profile));
          await inspector.call('HeapProfiler.disable');
        } finally {
          inspector.close();
        }
      }
    },
  };
}
