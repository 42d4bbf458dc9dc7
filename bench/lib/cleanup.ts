/**
 * Things to undo when a benchmark ends or is interrupted: child processes to stop, databases to drop. bench/run.ts
 * runs them on exit, SIGINT and SIGTERM; a section runs its own as it finishes (each runs once).
 */
type Cleanup = () => Promise<void> | void;

/**
 * 'section': undone when the section that made it ends (processes, proxies); 'run': kept for later sections and undone
 * when the whole run ends (the shared data sets).
 */
export type CleanupScope = 'section' | 'run';

const pending = new Map<Cleanup, CleanupScope>();

/** Registers `fn`; the returned function runs it now (once) and unregisters it. */
export function onCleanup(fn: Cleanup, scope: CleanupScope = 'section'): () => Promise<void> {
  let done = false;
  const once: Cleanup = async () => {
    if (done) return;
    done = true;
    pending.delete(once);
    await fn();
  };
  pending.set(once, scope);
  return async () => {
    await once();
  };
}

/**
 * Runs what is still registered, newest first: everything, or only the section-scoped cleanups (between sections).
 * Errors are reported, not thrown.
 */
export async function cleanupAll(only?: 'section'): Promise<void> {
  for (const [fn, scope] of [...pending].reverse()) {
    if (only && scope !== only) continue;
    try {
      await fn();
    } catch (error) {
      console.error('cleanup failed:', error);
    }
  }
}

let installed = false;

/** On SIGINT/SIGTERM: clean up, then exit with 130/143. */
export function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: cleaning up`);
      void cleanupAll().finally(() => process.exit(code));
    });
  }
}
