#!/bin/bash
# usage: gc.sh <list|page> <node flags...>: runs the API with flags + --trace-gc under 10 s of load, summarises GC
which=$1; shift
DB=$(cat /tmp/db)
SECRET=benchsecretbenchsecretbenchsecret12
PORT=4777
env NODE_ENV=production PORT=$PORT HOST=127.0.0.1 DATABASE_URL=$DB DATABASE_POOL_SIZE=10 REDIS_URL=redis://127.0.0.1:6379 REDIS_PREFIX=gc: SUPABASE_JWT_SECRET=$SECRET LOG_LEVEL=warn RATE_LIMITS=off RUN_WORKERS=false node "$@" --trace-gc --import tsx src/main.ts > /tmp/gc.out 2>&1 &
PID=$!
sleep 6
npx tsx .scratch/load.ts $which $SECRET $PORT
kill $PID; wait $PID
grep -c Scavenge /tmp/gc.out; grep -c 'Mark-Compact\|Mark-sweep' /tmp/gc.out
python3 - <<'PY'
import re
sc=mc=0.0; nsc=nmc=0
for l in open('/tmp/gc.out'):
    m=re.search(r'(Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact)[^,]*?, ([\d.]+) / ([\d.]+) ms',l)
    if not m: continue
    if m.group(1)=='Scavenge': sc+=float(m.group(2)); nsc+=1
    else: mc+=float(m.group(2)); nmc+=1
print(f"scavenge {nsc} {sc:.0f} ms, mark-compact {nmc} {mc:.0f} ms")
PY
