/**
 * Shared types of the benchmark suite (bench/run.ts and bench/sections/*.ts).
 *
 * Each section is a module bench/sections/<name>.ts exporting
 *   export async function run(ctx: BenchContext): Promise<BenchSection>
 * and is listed in the SECTIONS array of bench/run.ts.
 */

export type BenchPreset = 'quick' | 'full';

export interface BenchContext {
  /** 'quick' must keep the whole suite under two minutes; 'full' is the published run. */
  preset: BenchPreset;
  /** Redis the API processes and peers use (REDIS_URL or redis://127.0.0.1:6379). */
  redisUrl: string;
  /** Progress output (stderr); not part of the results. */
  log(line: string): void;
}

export interface BenchTarget {
  /** What is aimed for, e.g. "conversation list >= 1.5x PostGraphile rps at equal or lower p99". */
  target: string;
  /** The measured value, e.g. "2.1x, p99 12 ms vs 15 ms". */
  measured: string;
  met: boolean;
}

export interface BenchSection {
  /** Module name, e.g. 'queries'. */
  name: string;
  /** Human title for BENCHMARKS.md, e.g. 'Queries over HTTP vs PostGraphile'. */
  title: string;
  /** How it was measured (markdown paragraph). */
  method: string;
  /** Column order of `rows`. */
  columns: string[];
  rows: Array<Record<string, string | number>>;
  notes: string[];
  targets?: BenchTarget[];
  /** Anything else worth keeping in the JSON results (not rendered in BENCHMARKS.md). */
  details?: Record<string, unknown>;
}

export type BenchSectionRunner = (ctx: BenchContext) => Promise<BenchSection>;
