# Sourced by run.sh, test.sh and bench.sh: installs what a fresh Debian machine with the .NET SDK,
# Node and npm lacks. Each step is skipped when what it installs is already there.

apt_install_missing() {
  local missing=()
  command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
  # AMR-NB output is encoded through this library (Debian's ffmpeg has no AMR-NB encoder).
  dpkg-query -W -f='${Status}' libopencore-amrnb0 2>/dev/null | grep -q 'ok installed' || missing+=(libopencore-amrnb0)
  # Resolves playlist and video-page URLs to media.
  command -v yt-dlp >/dev/null 2>&1 || missing+=(yt-dlp)
  # The browser tests (CORS from another origin, the web console) drive Debian's Chromium through Playwright; Playwright never downloads one.
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # Speech recognition's default engine and its US English model.
  command -v pocketsphinx_continuous >/dev/null 2>&1 || missing+=(pocketsphinx)
  [ -d /usr/share/pocketsphinx/model/en-us/en-us ] || missing+=(pocketsphinx-en-us)
  # The tests speak their known texts with espeak-ng and make noise and mixes with sox.
  command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
  command -v sox >/dev/null 2>&1 || missing+=(sox)
  # The mediafn tests run the tool in a pseudo-terminal and read its screen.
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
  if ((${#missing[@]})); then
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    echo "Installing ${missing[*]} from apt..."
    quietly "${sudo[@]}" apt-get update -qq
    quietly "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

npm_install_tools() {
  # Azurite, pinned by tools/package-lock.json; installed into tools/, never globally. npm ci
  # writes node_modules/.package-lock.json, so a lock file newer than it means a stale install.
  if [ ! -x tools/node_modules/.bin/azurite ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
    echo "Installing Azurite into tools/..."
    quietly npm ci --prefix tools --no-audit --no-fund --loglevel=error
  fi
}

# Runs a command with its output held back, and shows that output only when the command fails.
quietly() {
  local log status=0
  log=$(mktemp)
  "$@" >"$log" 2>&1 || status=$?
  ((status == 0)) || cat "$log" >&2
  rm -f "$log"
  return "$status"
}

setup_prerequisites() {
  apt_install_missing
  npm_install_tools
}

# True when something accepts connections on 127.0.0.1:$1.
port_is_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Waits until something listens on 127.0.0.1:$1, at most $2 seconds, while process $3 (when
# given) is still alive.
wait_for_port() {
  local port=$1 deadline=$((SECONDS + $2)) pid=${3:-}
  until port_is_open "$port"; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "The process that should listen on port $port has exited." >&2
      return 1
    fi
    if ((SECONDS >= deadline)); then
      echo "Nothing is listening on port $port after $2 s." >&2
      return 1
    fi
    sleep 0.2
  done
}
