#!/usr/bin/env bash
# Runs MediaFunctions on this machine: installs what is missing, starts Azurite (unless
# Storage__ConnectionString points elsewhere) and the host on http://localhost:7071.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
setup_prerequisites

echo "Building the host..."
quietly dotnet build src/MediaFunctions.Host -c Release --nologo -v quiet -clp:ErrorsOnly

mkdir -p .azurite
host_pid="" azurite_pid=""
# Sends TERM to process $1 and waits until it exits or the check "${@:2}" says it has shut down,
# at most 10 s; then kills it, so nothing outlives the script.
end_process() {
  local pid=$1 deadline=$((SECONDS + 10))
  shift
  kill "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)) && ! "$@"; do sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
# Azurite logs one line per service once that service has saved its data and closed, but its
# process lingers long after that.
azurite_closed() {
  (($(grep -c 'successfully closed' .azurite/azurite.log) >= 3))
}
stop() {
  trap - EXIT INT TERM HUP
  # The host first, while its storage is still there; then Azurite.
  [ -z "$host_pid" ] || end_process "$host_pid" false
  [ -z "$azurite_pid" ] || end_process "$azurite_pid" azurite_closed
  wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

if [ -z "${Storage__ConnectionString:-}" ]; then
  for port in 10000 10001 10002; do
    if port_is_open "$port"; then
      echo "Port $port is taken (another Azurite?). Stop it, or set Storage__ConnectionString to use it." >&2
      exit 1
    fi
  done
  # In a session of its own, so Ctrl-C reaches only the host; stop() ends Azurite after it.
  setsid tools/node_modules/.bin/azurite --silent --skipApiVersionCheck --location .azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 &
  azurite_pid=$!
  for port in 10000 10001 10002; do
    wait_for_port "$port" 30 "$azurite_pid" || { cat .azurite/azurite.log >&2; exit 1; }
  done
  export Storage__ConnectionString="UseDevelopmentStorage=true"
fi

keys="from Auth__BootstrapKeys"
if [ -z "${Auth__BootstrapKeys:-}" ]; then
  [ -s .azurite/dev-key ] || (umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=' >.azurite/dev-key)
  keys=$(cat .azurite/dev-key)
  export Auth__BootstrapKeys="dev=$keys"
fi
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://localhost:7071}"
if [ -z "${Ffmpeg__BinaryFolder:-}" ] && [ -x ffmpeg-layer/dist/ffmpeg ]; then
  export Ffmpeg__BinaryFolder="$PWD/ffmpeg-layer/dist"
fi

base="${ASPNETCORE_URLS%%;*}"
cat <<INFO

MediaFunctions is starting on $base
  Console:    $base/
  API docs:   $base/docs
  Health:     $base/api/health
  API key:    $keys
Press Ctrl-C to stop.

INFO
# The host's folder is its content root, so its appsettings.json is read.
host=src/MediaFunctions.Host/bin/Release/net10.0
dotnet "$host/MediaFunctions.Host.dll" --contentRoot "$PWD/$host" &
host_pid=$!
wait "$host_pid"
