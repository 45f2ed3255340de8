#!/usr/bin/env bash
# Start-up benchmark of the desktop app: time to first paint and memory when idle.
#
#   bench/startup.sh [--runs N] [--idle SECONDS] [--check] [APP]
#
# APP defaults to the first built of build/release, build/ci and build/dev
# (app/gui/tokenscope). Each run starts the app with TOKENSCOPE_BENCH_FIRST_PAINT=1; the
# app prints "first-paint-ms N" (milliseconds since its process started, read inside the
# app from /proc) on its first paint. The bench then waits for the app to idle, reads Rss
# and Pss from /proc/PID/smaps_rollup (the app's own process, and with the helper processes
# it started, e.g. QtWebEngineProcess), and ends it. Without a display (DISPLAY unset) it
# runs itself under Xvfb and a private D-Bus session with a fresh, unlocked keyring.
#
# --check exits with status 1 when a median misses its goal. Goals: first paint <= 400 ms,
# PSS <= 80 MiB.
set -euo pipefail

goal_first_paint_ms=400
goal_pss_mib=80

usage() {
    sed -n '3,4p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

runs=10
idle=2
check=0
app=
original_args=("$@")
while [[ $# -gt 0 ]]; do
    case $1 in
    --runs)
        runs=${2:?--runs needs a number}
        shift 2
        ;;
    --idle)
        idle=${2:?--idle needs seconds}
        shift 2
        ;;
    --check)
        check=1
        shift
        ;;
    -h | --help)
        usage
        exit 0
        ;;
    -*)
        usage >&2
        exit 2
        ;;
    *)
        app=$1
        shift
        ;;
    esac
done
if [[ ! $runs =~ ^[1-9][0-9]*$ || ! $idle =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
    echo "startup.sh: --runs takes a positive integer and --idle a number of seconds" >&2
    exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -z $app ]]; then
    for preset in release ci dev; do
        if [[ -x $root/build/$preset/app/gui/tokenscope ]]; then
            app=$root/build/$preset/app/gui/tokenscope
            break
        fi
    done
    if [[ -z $app ]]; then
        echo "startup.sh: no build/{release,ci,dev}/app/gui/tokenscope; build one or name the APP" >&2
        exit 2
    fi
fi
if [[ ! -x $app ]]; then
    echo "startup.sh: $app is not an executable" >&2
    exit 2
fi
app=$(cd "$(dirname "$app")" && pwd)/$(basename "$app")

# No display: run again under Xvfb and a private session bus.
if [[ -z ${DISPLAY:-} ]]; then
    if [[ -n ${TOKENSCOPE_BENCH_IN_XVFB:-} ]]; then
        echo "startup.sh: xvfb-run did not provide a display" >&2
        exit 1
    fi
    export TOKENSCOPE_BENCH_IN_XVFB=1
    exec xvfb-run -a -s "-screen 0 1600x1000x24" \
        dbus-run-session -- bash "${BASH_SOURCE[0]}" "${original_args[@]}"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tokenscope-bench.XXXXXX")
app_pid=
keyring_pid=
cleanup() {
    if [[ -n $app_pid ]]; then
        kill -KILL "$app_pid" 2>/dev/null || true
    fi
    if [[ -n $keyring_pid ]]; then
        kill "$keyring_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Under our own Xvfb: fresh XDG directories and an unlocked keyring, as scripts/test does,
# so that nothing prompts and nothing of the user's settings changes the figures.
if [[ -n ${TOKENSCOPE_BENCH_IN_XVFB:-} ]]; then
    display_note="Xvfb 1600x1000x24 (started by this script)"
    for dir in data config cache runtime; do
        mkdir -m 0700 "$tmp/$dir"
    done
    export XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config
    export XDG_CACHE_HOME=$tmp/cache XDG_RUNTIME_DIR=$tmp/runtime
    if command -v gnome-keyring-daemon >/dev/null; then
        printf 'bench' | timeout 30 gnome-keyring-daemon --unlock --components=secrets >/dev/null \
            || echo "startup.sh: could not unlock a keyring; continuing without one" >&2
        keyring_pid=$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
            org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets \
            2>/dev/null | awk '/uint32/ { print $2 }') || keyring_pid=
    fi
else
    display_note="DISPLAY=$DISPLAY"
fi

if [[ $(id -u) -eq 0 ]]; then
    export QTWEBENGINE_DISABLE_SANDBOX=1
fi
export QTWEBENGINE_CHROMIUM_FLAGS="${QTWEBENGINE_CHROMIUM_FLAGS:+$QTWEBENGINE_CHROMIUM_FLAGS }--disable-gpu"
export TOKENSCOPE_BENCH_FIRST_PAINT=1

# kB of field $2 (Rss, Pss) in /proc/$1/smaps_rollup; 0 when the process is gone.
smaps_kb() {
    awk -v field="$2:" '$1 == field { print $2; found = 1 } END { if (!found) print 0 }' \
        "/proc/$1/smaps_rollup" 2>/dev/null || echo 0
}

# The process and all its descendants.
process_tree() {
    local pids=("$1") i=0 stat rest ppid pid
    declare -A children=()
    for stat in /proc/[0-9]*/stat; do
        rest=$(cat "$stat" 2>/dev/null) || continue
        pid=${rest%% *}
        rest=${rest##*) }
        ppid=$(cut -d' ' -f2 <<<"$rest")
        children[$ppid]+="$pid "
    done
    while ((i < ${#pids[@]})); do
        for pid in ${children[${pids[i]}]:-}; do
            pids+=("$pid")
        done
        i=$((i + 1))
    done
    echo "${pids[@]}"
}

# Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot.
start_time() {
    local rest
    rest=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
    rest=${rest##*) }
    cut -d' ' -f20 <<<"$rest"
}

now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

first_paint=() launch_to_line=() rss=() pss=() pss_tree=() helpers=()
echo "Tokenscope start-up benchmark: $runs run(s) of $app" >&2
for ((run = 1; run <= runs; run++)); do
    out=$tmp/run-$run.out
    err=$tmp/run-$run.err
    launched=$(now_ms)
    "$app" >"$out" 2>"$err" </dev/null &
    app_pid=$!
    line=
    deadline=$((SECONDS + 60))
    while [[ -z $line ]]; do
        line=$(grep -m1 -E '^first-paint-ms [0-9]+' "$out" 2>/dev/null || true)
        if [[ -n $line ]]; then
            break
        fi
        if ! kill -0 "$app_pid" 2>/dev/null; then
            echo "startup.sh: run $run: the app exited before its first paint. stderr:" >&2
            sed 's/^/    /' "$err" >&2
            exit 1
        fi
        if ((SECONDS >= deadline)); then
            echo "startup.sh: run $run: no 'first-paint-ms' line within 60 s." \
                 "Does this build have the TOKENSCOPE_BENCH_FIRST_PAINT probe?" >&2
            exit 1
        fi
        sleep 0.01
    done
    seen=$(($(now_ms) - launched))
    sleep "$idle"

    tree=$(process_tree "$app_pid")
    tree_pss=0
    count=0
    tree_starts=
    for pid in $tree; do
        tree_pss=$((tree_pss + $(smaps_kb "$pid" Pss)))
        count=$((count + 1))
        tree_starts+="$pid:$(start_time "$pid") "
    done
    first_paint+=("${line#first-paint-ms }")
    launch_to_line+=("$seen")
    rss+=("$(smaps_kb "$app_pid" Rss)")
    pss+=("$(smaps_kb "$app_pid" Pss)")
    pss_tree+=("$tree_pss")
    helpers+=($((count - 1)))

    kill -TERM "$app_pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        kill -0 "$app_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
    # Helper processes that outlived the app (the tree was taken while it ran; a pid
    # whose start time changed belongs to another process now and is left alone).
    for entry in $tree_starts; do
        if [[ $(start_time "${entry%:*}") == "${entry#*:}" ]]; then
            kill -KILL "${entry%:*}" 2>/dev/null || true
        fi
    done
    printf '  run %2d: first paint %4s ms, PSS %6s kB\n' "$run" "${first_paint[-1]}" "${pss[-1]}" >&2
done

# stats SCALE VALUES…: "median min max", values divided by SCALE (1 or 1024 for kB → MiB).
stats() {
    local scale=$1
    shift
    printf '%s\n' "$@" | sort -n | awk -v scale="$scale" '
        { v[NR] = $1 / scale }
        END {
            median = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            printf "%.0f %.0f %.0f\n", median, v[1], v[NR]
        }'
}

row() {
    local label=$1 goal=$2 median min max
    read -r median min max
    printf '| %-32s | %6s | %6s | %6s | %-8s |\n' "$label" "$median" "$min" "$max" "$goal"
    last_median=$median
}

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
qt=$(dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null || echo unknown)
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
reproduce="bench/startup.sh --runs $runs --idle $idle ${app#"$root"/}"

echo
echo "Tokenscope start-up benchmark, $(date -u +%Y-%m-%d)"
echo
echo "- app: ${app#"$root"/}"
echo "- machine: $(nproc) cores, ${cpu:-unknown CPU}, $os, Qt $qt"
echo "- display: $display_note"
echo "- runs: $runs, memory read ${idle} s after the first paint"
echo
printf '| %-32s | %6s | %6s | %6s | %-8s |\n' metric median min max goal
printf '|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..34})" "-------:" "-------:" "-------:" "----------"
row "first paint (ms, in the app)" "<= $goal_first_paint_ms" < <(stats 1 "${first_paint[@]}")
fp_median=$last_median
row "launch to first-paint line (ms)" "" < <(stats 1 "${launch_to_line[@]}")
row "RSS, app process (MiB)" "" < <(stats 1024 "${rss[@]}")
row "PSS, app process (MiB)" "<= $goal_pss_mib" < <(stats 1024 "${pss[@]}")
pss_median=$last_median
row "PSS, app + helpers (MiB)" "" < <(stats 1024 "${pss_tree[@]}")
row "helper processes" "" < <(stats 1 "${helpers[@]}")
echo
echo "Reproduce: $reproduce"

verdict=0
if ((fp_median > goal_first_paint_ms)); then
    echo "Goal missed: median first paint ${fp_median} ms > ${goal_first_paint_ms} ms"
    verdict=1
fi
if ((pss_median > goal_pss_mib)); then
    echo "Goal missed: median PSS ${pss_median} MiB > ${goal_pss_mib} MiB"
    verdict=1
fi
if ((verdict == 0)); then
    echo "Goals met: first paint <= ${goal_first_paint_ms} ms, PSS <= ${goal_pss_mib} MiB"
fi
if ((check)); then
    exit "$verdict"
fi
