#!/usr/bin/env bash
# Stops the interop provider started by start-provider.sh and waits until it is gone and
# its port is free, so that the next start (the next preset's ctest run) can bind it.
#
#   tests/interop/stop-provider.sh PIDFILE [PORT]
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
    echo "usage: $0 PIDFILE [PORT]" >&2
    exit 2
fi
pidfile=$1
port=${2:-}

# shellcheck source=tests/interop/provider-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/provider-lib.sh"

# Waits up to $2 tenths of a second for process $1 to end.
wait_gone() {
    local i
    for ((i = 0; i < $2; i++)); do
        is_running "$1" || return 0
        sleep 0.1
    done
    return 1
}

if [[ ! -f $pidfile ]]; then
    echo "stop-provider: no pid file $pidfile: nothing to stop"
    exit 0
fi
pid=$(cat "$pidfile")
rm -f "$pidfile"
if [[ ! $pid =~ ^[0-9]+$ ]] || ! is_our_provider "$pid"; then
    echo "stop-provider: provider ${pid:-?} is not running"
    exit 0
fi

kill -TERM "$pid" 2>/dev/null || true
if ! wait_gone "$pid" 100; then
    echo "stop-provider: provider $pid ignored SIGTERM for 10 s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 50; then
        echo "stop-provider: provider $pid is still running" >&2
        exit 1
    fi
fi

for ((i = 0; i < 50; i++)); do
    port_is_open || break
    sleep 0.1
done
if port_is_open; then
    echo "stop-provider: provider $pid is gone but 127.0.0.1:$port still accepts connections" >&2
    exit 1
fi
echo "stop-provider: provider $pid stopped"
