# Sourced by run.sh, test.sh and bench.sh: installs what a fresh Debian machine with the .NET SDK,
# Node and npm lacks. Each step is skipped when what it installs is already there.

apt_install_missing() {
  local missing=()
  command -v ffmpeg >/dev/null 2>&1 && command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
  # AMR-NB output is encoded through this library (Debian's ffmpeg has no AMR-NB encoder).
  ldconfig -p 2>/dev/null | grep -q 'libopencore-amrnb\.so\.0' || missing+=(libopencore-amrnb0)
  if ((${#missing[@]})); then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "Installing ${missing[*]} from apt..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

npm_install_tools() {
  # Azurite, pinned by tools/package-lock.json; installed into tools/, never globally.
  if [ ! -x tools/node_modules/.bin/azurite ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
    echo "Installing Azurite into tools/..."
    npm ci --prefix tools --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

setup_prerequisites() {
  apt_install_missing
  npm_install_tools
}

# Waits until something listens on 127.0.0.1:$1, at most $2 seconds.
wait_for_port() {
  local port=$1 deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "Nothing is listening on port $port after $2 s." >&2
      return 1
    fi
    sleep 0.2
  done
}
