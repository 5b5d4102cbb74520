#!/usr/bin/env bash
# Builds ffmpeg-layer/dist/: Debian 12's ffmpeg and ffprobe (linux-x64) with every shared library
# they load, except glibc's, copied into dist/lib, plus libopencore-amrnb.so.0 (AMR-NB output is
# encoded by our own code through it). Runs on any Debian 12 x86-64 system, such as the Azure
# Functions Linux image, without installing anything.
#
# How the binaries find their libraries: each one's RUNPATH is set with patchelf to $ORIGIN/lib, and
# each library's to $ORIGIN (RUNPATH serves only the object that carries it, so its dependencies need
# their own). $ORIGIN keeps the folder relocatable: the Functions app copies it to a writable temp
# folder at start (zip deployment drops the exec bit). Wrapper scripts that exec the system loader
# with --library-path would do the same, but then the process is the loader, started through a shell.
#
# On a machine that is not Debian 12 x86-64 it builds inside a debian:bookworm container when Docker
# is there (how `azd up` can run it from macOS or another distribution).
set -euo pipefail
cd "$(dirname "$0")"

glibc='^(ld-linux-x86-64\.so\.2|libc\.so\.6|libm\.so\.6|libmvec\.so\.1|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libresolv\.so\.2|libutil\.so\.1|libanl\.so\.1)$'
amrnb=/usr/lib/x86_64-linux-gnu/libopencore-amrnb.so.0

codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}") || codename=""
if [ "$(uname -s)-$(uname -m)-$codename" != "Linux-x86_64-bookworm" ]; then
  if [ -z "${FFMPEG_LAYER_IN_CONTAINER:-}" ] && command -v docker >/dev/null 2>&1; then
    echo "Not Debian 12 x86-64: building the ffmpeg layer in a debian:bookworm container..."
    exec docker run --rm --platform linux/amd64 -e FFMPEG_LAYER_IN_CONTAINER=1 \
      -e FFMPEG_LAYER_OWNER="$(id -u):$(id -g)" -v "$PWD:/layer" -w /layer debian:bookworm-slim bash build.sh
  fi
  echo "ffmpeg-layer/build.sh needs Debian 12 (bookworm) on x86-64, or Docker to run one." >&2
  exit 1
fi

missing=()
[ -x /usr/bin/ffmpeg ] && [ -x /usr/bin/ffprobe ] || missing+=(ffmpeg)
[ -e "$amrnb" ] || missing+=(libopencore-amrnb0)
command -v patchelf >/dev/null 2>&1 || missing+=(patchelf)
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${missing[*]} from apt..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Built beside dist/ and moved into place at the end, so a failed build never leaves a partial layer.
stage=$(mktemp -d "$PWD/.dist-XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/lib"

# ldd lists the whole transitive closure as "soname => path (address)"; the AMR-NB library itself is
# not in it (ffmpeg does not use it), so it is added by name.
closure=$(ldd /usr/bin/ffmpeg /usr/bin/ffprobe "$amrnb")
if grep -q 'not found' <<<"$closure"; then
  grep 'not found' <<<"$closure" >&2
  exit 1
fi
sources=(/usr/bin/ffmpeg /usr/bin/ffprobe)
while read -r soname path; do
  [[ $soname =~ $glibc ]] && continue
  sources+=("$(readlink -f "$path")")
  cp -L "$path" "$stage/lib/$soname"
  chmod 0644 "$stage/lib/$soname"
  patchelf --set-rpath '$ORIGIN' "$stage/lib/$soname"
done < <({ echo "libopencore-amrnb.so.0 $amrnb"; awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' <<<"$closure"; } | sort -u)

for tool in ffmpeg ffprobe; do
  cp /usr/bin/$tool "$stage/$tool"
  chmod 0755 "$stage/$tool"
  patchelf --set-rpath '$ORIGIN/lib' "$stage/$tool"
done

# The Debian packages inside, for their licences and sources (ffmpeg here is GPL: see the package's
# copyright file and its source at Debian).
# Each path is asked for also without /usr: with merged /usr, dpkg knows some files under /lib.
owners=$(dpkg -S "${sources[@]}" "${sources[@]#/usr}" 2>/dev/null || true)
{
  echo "Debian packages in this layer:"
  cut -d: -f1 <<<"$owners" | tr -d ' ' | tr ',' '\n' | sort -u | xargs dpkg-query -W -f '${Package} ${Version}\n'
} >"$stage/PACKAGES.txt"

"$stage/ffmpeg" -hide_banner -version >/dev/null
"$stage/ffprobe" -hide_banner -version >/dev/null

rm -rf dist
mv "$stage" dist
trap - EXIT
[ -z "${FFMPEG_LAYER_OWNER:-}" ] || chown -R "$FFMPEG_LAYER_OWNER" dist
echo "ffmpeg-layer/dist: $(ls dist/lib | wc -l) libraries, $(du -sh dist | cut -f1)"
