#!/usr/bin/env bash
# Runs MediaFunctions on this machine: installs what is missing, starts Azurite (unless
# Storage__ConnectionString points elsewhere) and the host on http://localhost:7071.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
setup_prerequisites

echo "Building the host..."
dotnet build src/MediaFunctions.Host -c Release --nologo -v quiet -clp:ErrorsOnly -clp:NoSummary

mkdir -p .azurite
host_pid="" azurite_pid=""
# The host stops first, while its storage is still there; then Azurite.
stop() {
  trap - EXIT INT TERM
  if [ -n "$host_pid" ]; then kill -TERM "$host_pid" 2>/dev/null; wait "$host_pid" 2>/dev/null; fi
  if [ -n "$azurite_pid" ]; then
    kill -TERM "$azurite_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$azurite_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$azurite_pid" 2>/dev/null || true
  fi
}
trap stop EXIT INT TERM

if [ -z "${Storage__ConnectionString:-}" ]; then
  # In a process group of its own (set -m), so Ctrl-C reaches the host, and Azurite is stopped after it.
  set -m
  tools/node_modules/.bin/azurite --silent --skipApiVersionCheck --location .azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 &
  azurite_pid=$!
  set +m
  for port in 10000 10001 10002; do wait_for_port "$port" 30; done
  export Storage__ConnectionString="UseDevelopmentStorage=true"
fi

if [ -z "${Auth__BootstrapKeys:-}" ]; then
  [ -s .azurite/dev-key ] || head -c 24 /dev/urandom | base64 | tr -d '/+=' >.azurite/dev-key
  export Auth__BootstrapKeys="dev=$(cat .azurite/dev-key)"
fi
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:7071}"
if [ -z "${Ffmpeg__BinaryFolder:-}" ] && [ -x ffmpeg-layer/dist/ffmpeg ]; then
  export Ffmpeg__BinaryFolder="$PWD/ffmpeg-layer/dist"
fi

base="${ASPNETCORE_URLS%%;*}"
cat <<INFO

MediaFunctions is starting on $base
  API docs:   $base/docs
  Health:     $base/api/health
  API keys:   ${Auth__BootstrapKeys}
Press Ctrl-C to stop.

INFO
host=src/MediaFunctions.Host/bin/Release/net10.0
dotnet "$host/MediaFunctions.Host.dll" --contentRoot "$PWD/$host" &
host_pid=$!
wait "$host_pid"
