#!/usr/bin/env bash
# Runs MediaFunctions on this machine: installs what is missing, starts Azurite (unless
# Storage__ConnectionString points elsewhere) and the host on http://localhost:7071.
# Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
setup_prerequisites

echo "Building the host..."
dotnet build src/MediaFunctions.Host -c Release --nologo -v quiet -clp:ErrorsOnly

mkdir -p .azurite
pids=()
stop() {
  trap - EXIT INT TERM
  ((${#pids[@]})) && kill "${pids[@]}" 2>/dev/null
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

if [ -z "${Storage__ConnectionString:-}" ]; then
  tools/node_modules/.bin/azurite --silent --skipApiVersionCheck --location .azurite --debug .azurite/debug.log \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >.azurite/azurite.log 2>&1 &
  pids+=($!)
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
dotnet src/MediaFunctions.Host/bin/Release/net10.0/MediaFunctions.Host.dll &
pids+=($!)
wait "${pids[-1]}"
