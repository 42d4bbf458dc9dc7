// Side runs (not committed): npx tsx .scratch/side.ts <dburl> <list|page> [rounds] [seconds] [systems=base,new,pg]
// base = the API from /tmp/base (a worktree of an older commit), new = this checkout, pg = PostGraphile.
// SIDE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" adds node options to the API processes.
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { signAccessToken } from '../src/auth/sign.ts';
import { BENCH_JWT_SECRET, startProcess, type ApiProcess } from '../bench/lib/api-process.ts';
import { cleanupAll } from '../bench/lib/cleanup.ts';
import { ours, pickSubjects, postgraphile, POSTGRAPHILE_FUNCTIONS, startPostGraphile } from '../bench/sections/queries.ts';

const [url, which = 'page', roundsArg = '3', secondsArg = '10', systemsArg = 'base,new,pg'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const seconds = Number(secondsArg);
const systems = systemsArg.split(',');
const TICK = 100; // clock ticks per second

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
function postgresTicks(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return total;
}

const subjects = await pickSubjects(url!);
{
  const sql = postgres(url!, { max: 1, onnotice: () => {} });
  await sql.unsafe(POSTGRAPHILE_FUNCTIONS).finally(() => sql.end());
}
const nodeArgs = process.env.SIDE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
const apiEnv = (label: string) => ({
  ...process.env,
  NODE_ENV: 'production',
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: url,
  DATABASE_POOL_SIZE: '10',
  REDIS_URL: 'redis://127.0.0.1:6379',
  REDIS_PREFIX: `side-${label}:`,
  SUPABASE_JWT_SECRET: BENCH_JWT_SECRET,
  LOG_LEVEL: 'info',
  RATE_LIMITS: 'off',
  RUN_WORKERS: 'false',
});
const started: Record<string, ApiProcess> = {};
for (const system of systems) {
  if (system === 'pg') started[system] = await startPostGraphile(url!, 'pg', 10);
  else if (system === 'pg2') {
    // PostGraphile with SIDE_PG2_NODE_OPTIONS
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = process.env.SIDE_PG2_NODE_OPTIONS ?? '';
    started[system] = await startPostGraphile(url!, 'pg2', 10);
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
  else {
    // cur = this checkout without SIDE_NODE_ARGS_NEW, new = with them.
    const main = system === 'base' ? '/tmp/base/src/main.ts' : 'src/main.ts';
    const extra = system === 'new' ? (process.env.SIDE_NODE_ARGS_NEW?.split(' ').filter(Boolean) ?? []) : [];
    started[system] = await startProcess([process.execPath, ...nodeArgs, ...extra, '--import', 'tsx', main], apiEnv(system), system);
  }
}
const token = await signAccessToken({ secret: BENCH_JWT_SECRET, username: subjects.viewer.username, sub: subjects.viewer.id, expiresIn: '2h' });
const bodies: Record<string, string> = {};
for (const system of systems) {
  bodies[system] =
    system.startsWith('pg')
      ? which === 'list'
        ? postgraphile.list(subjects.viewer.id, 20)
        : postgraphile.page(subjects.conversation.id, 50)
      : which === 'list'
        ? ours.list(20)
        : ours.page(subjects.conversation.id, 50);
}
const results: Record<string, Array<{ rps: number; p99: number; server: number; pg: number }>> = {};
async function measure(system: string, duration: number) {
  const proc = started[system]!;
  const cpu0 = cpuTicks(proc.pid);
  const pg0 = postgresTicks();
  const result = await autocannon({
    url: `${proc.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: bodies[system],
    connections: 10,
    duration,
  });
  const n = result.requests.total;
  const server = ((cpuTicks(proc.pid) - cpu0) / TICK / n) * 1000;
  const pg = ((postgresTicks() - pg0) / TICK / n) * 1000;
  const bad = result.errors + result.timeouts + result.non2xx;
  return { rps: result.requests.average, p99: result.latency.p99, server, pg, bad };
}
try {
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? systems : [...systems].reverse();
    for (const system of order) {
      await measure(system, 3);
      const r = await measure(system, seconds);
      (results[system] ??= []).push(r);
      console.log(`${which} round ${round} ${system}: ${r.rps.toFixed(1)} req/s p99 ${r.p99} ms, cpu/req server ${r.server.toFixed(2)} pg ${r.pg.toFixed(2)} ms${r.bad ? ` BAD ${r.bad}` : ''}`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const system of systems) {
    const rs = results[system]!;
    console.log(`${system}: median ${median(rs.map((r) => r.rps)).toFixed(1)} req/s, server ${median(rs.map((r) => r.server)).toFixed(2)} ms/req, pg ${median(rs.map((r) => r.pg)).toFixed(2)} ms/req`);
  }
  if (results.pg) {
    for (const system of systems.filter((s) => s !== 'pg')) {
      const ratios = results[system]!.map((r, i) => r.rps / results.pg![i]!.rps);
      console.log(`${system}/pg per round: ${ratios.map((x) => x.toFixed(2)).join(' ')}`);
    }
  }
} finally {
  await cleanupAll();
  process.exit(0);
}
