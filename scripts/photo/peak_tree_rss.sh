#!/bin/sh
# Runs a command and reports the peak of the summed resident memory of it and its child processes (e.g.
# `landmark video` with its two ffmpeg processes), sampled every 50 ms from /proc, and each process's own
# peak. Two sums: RSS (a page shared by several processes, such as the ffmpeg libraries both ffmpeg processes
# map, counts once per process) and PSS (/proc/PID/smaps_rollup: a shared page is split between the processes
# that map it, so the sum counts it once). Usage: peak_tree_rss.sh command [arguments...]
"$@" > /dev/null 2>&1 &
pid=$!
peak=0
peak_pss=0
peaks=$(mktemp)
while kill -0 "$pid" 2> /dev/null; do
    total=0
    total_pss=0
    for p in $pid $(cat /proc/$pid/task/*/children 2> /dev/null); do
        kb=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$p/status 2> /dev/null)
        pss=$(sed -n 's/^Pss:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/$p/smaps_rollup 2> /dev/null)
        total=$((total + ${kb:-0}))
        total_pss=$((total_pss + ${pss:-0}))
        echo "$p $(cat /proc/$p/comm 2> /dev/null) ${kb:-0}" >> "$peaks"
    done
    [ "$total" -gt "$peak" ] && peak=$total
    [ "$total_pss" -gt "$peak_pss" ] && peak_pss=$total_pss
    sleep 0.05
done
wait "$pid"
status=$?
echo "status $status, peak summed RSS $((peak / 1024)) MB, peak summed PSS $((peak_pss / 1024)) MB; per process (RSS):"
sort -k1,1n -k3,3n "$peaks" | awk '{ m[$1 " " $2] = ($3 > m[$1 " " $2] ? $3 : m[$1 " " $2]) } END { for (k in m) printf "  %s %d MB\n", k, m[k] / 1024 }'
rm -f "$peaks"
