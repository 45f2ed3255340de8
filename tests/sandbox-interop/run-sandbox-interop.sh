#!/usr/bin/env bash
# Starts `tokenscope-cli sandbox` on an ephemeral port with a throw-away key directory,
# waits (bounded) for its "sandbox_issuer:" line on stderr, runs the openid-client script
# against it and stops it. Usage: run-sandbox-interop.sh CLI NODE SCRIPT_DIR
set -u
cli=$1 node=$2 dir=$3
work=$(mktemp -d)
trap 'kill -TERM "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
if [ ! -d "$dir/node_modules/openid-client" ]; then
    echo "openid-client is not installed: run 'npm ci' in $dir (scripts/test does)" >&2
    exit 1
fi
"$cli" sandbox --key-dir "$work/keys" 2>"$work/sandbox.log" &
pid=$!
issuer=
for _ in $(seq 1 200); do
    issuer=$(sed -n 's/^sandbox_issuer: //p' "$work/sandbox.log")
    [ -n "$issuer" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
done
if [ -z "$issuer" ]; then
    echo "the sandbox did not start:" >&2
    cat "$work/sandbox.log" >&2
    exit 1
fi
"$node" "$dir/sandbox-interop.mjs" "$issuer"
status=$?
if [ $status -ne 0 ]; then
    echo "--- sandbox log" >&2
    cat "$work/sandbox.log" >&2
fi
exit $status
