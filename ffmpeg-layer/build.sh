#!/usr/bin/env bash
# Builds ffmpeg-layer/dist/: ffmpeg and ffprobe (linux-x64) compiled from Debian 12's ffmpeg source
# package with only the formats, codecs, filters and protocols MediaFunctions uses, their shared
# libraries (ffmpeg's own and the Debian codec libraries they link) in dist/lib, and
# libopencore-amrnb.so.0 (AMR-NB output is encoded by our own code through it). Runs on any Debian 12
# x86-64 system, such as the Azure Functions Linux image, without installing anything.
#
# Why build: Debian's own ffmpeg loads over 200 libraries (codec2, flite, rsvg, LAPACK, placebo, ...)
# and with them weighs 236 MiB; this one links lame, vorbis, opus, x264, x265, vpx, dav1d,
# opencore-amrnb, gnutls and libxml2 (for DASH; it brings ICU's 33 MB), and weighs 80 MB.
#
# Build time: about 5 minutes on 2 idle cores (9 minutes of CPU), up to 20 on busy ones.
# dist/BUILD-INPUTS records what a build was made from (this script, the ffmpeg source version, the
# library package versions); when nothing changed, the script says so and exits at once (it asks
# Debian for the source version: a few seconds). FFMPEG_LAYER_REBUILD=1 forces a build. Downloads
# (the source package and apt's source lists) are kept in ffmpeg-layer/.build; the build tree is
# deleted at the end.
#
# How the binaries find their libraries: each one's RUNPATH is set with patchelf to $ORIGIN/lib, and
# each library's to $ORIGIN (RUNPATH serves only the object that carries it, so its dependencies need
# their own). $ORIGIN keeps the folder relocatable: the Functions app copies it to a writable temp
# folder at start (zip deployment drops the exec bit).
#
# On a machine that is not Debian 12 x86-64 it builds inside a debian:bookworm container when Docker
# is there (how `azd up` can run it from macOS or another distribution).
set -euo pipefail
cd "$(dirname "$0")"

codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}") || codename=""
if [ "$(uname -s)-$(uname -m)-$codename" != "Linux-x86_64-bookworm" ]; then
  if [ -z "${FFMPEG_LAYER_IN_CONTAINER:-}" ] && command -v docker >/dev/null 2>&1; then
    echo "Not Debian 12 x86-64: building the ffmpeg layer in a debian:bookworm container..."
    exec docker run --rm --platform linux/amd64 -e FFMPEG_LAYER_IN_CONTAINER=1 -e FFMPEG_LAYER_REBUILD \
      -e FFMPEG_LAYER_OWNER="$(id -u):$(id -g)" -v "$PWD:/layer" -w /layer debian:bookworm-slim bash build.sh
  fi
  echo "ffmpeg-layer/build.sh needs Debian 12 (bookworm) on x86-64, or Docker to run one." >&2
  exit 1
fi

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

# The external codec libraries ffmpeg is linked with; each -dev package brings its runtime library.
libraries=(libmp3lame-dev libvorbis-dev libopus-dev libx264-dev libx265-dev libvpx-dev libdav1d-dev
  libopencore-amrnb-dev libgnutls28-dev libxml2-dev zlib1g-dev)
tools=(build-essential nasm pkg-config xz-utils patchelf ca-certificates)
missing=()
for package in "${tools[@]}" "${libraries[@]}"; do
  dpkg-query -W -f '${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing ${missing[*]} from apt..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The source package comes from Debian's deb-src archives through lists of our own, so the system's
# apt configuration is left as it is.
cache="$PWD/.build"
mkdir -p "$cache/apt/lists/partial" "$cache/apt/cache/archives/partial"
cat >"$cache/apt/sources.list" <<'EOF'
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian-security bookworm-security main
EOF
apt_options=(-o "Dir::Etc::SourceList=$cache/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State::Lists=$cache/apt/lists" -o "Dir::Cache=$cache/apt/cache" -o APT::Sandbox::User=root)
apt-get "${apt_options[@]}" update -qq
dsc=$(apt-get "${apt_options[@]}" source --print-uris ffmpeg | awk '$2 ~ /^ffmpeg_.*\.dsc$/ { print $2; exit }')
version=${dsc#ffmpeg_}
version=${version%.dsc}

inputs=$({
  echo "build.sh $(sha256sum build.sh | cut -d' ' -f1)"
  echo "ffmpeg source $version"
  dpkg-query -W -f '${Package} ${Version}\n' "${libraries[@]}"
})
if [ -z "${FFMPEG_LAYER_REBUILD:-}" ] && [ -x dist/ffmpeg ] && [ "$(cat dist/BUILD-INPUTS 2>/dev/null)" = "$inputs" ]; then
  echo "ffmpeg-layer/dist is up to date (ffmpeg $version): $(du -sh dist | cut -f1)"
  exit 0
fi

if [ ! -e "$cache/$dsc" ]; then
  echo "Downloading the ffmpeg $version source package..."
  (cd "$cache" && apt-get "${apt_options[@]}" source --download-only -qq ffmpeg)
fi

# Built beside dist/ and moved into place at the end, so a failed build never leaves a partial layer.
stage=$(mktemp -d "$PWD/.dist-XXXXXX")
tree="$cache/ffmpeg-$version"
trap 'rm -rf "$stage" "$tree"' EXIT
rm -rf "$tree"
# Applies Debian's patches (its security fixes among them) on the upstream tarball.
dpkg-source --no-check -x "$cache/$dsc" "$tree" >/dev/null

# Only what the product uses: decoders and demuxers for common media, ffmetadata (the text file that
# carries a production's tags and chapters into its outputs), the encoders and muxers of its outputs,
# the filters it (and ffmpeg's own format negotiation) uses, and the network protocols; plus what the
# tests make their media with (aevalsrc, mpeg4, h263, flv, avi, 3gp (tgp), streamhash): the tests run
# the ffmpeg the service would find, this one when dist/ is built.
decoders=(h264 hevc vp8 vp9 libdav1d mpeg4 h263 h263p msmpeg4v1 msmpeg4v2 msmpeg4v3 mpeg1video mpeg2video
  flv vp6 vp6a vp6f theora vc1 wmv1 wmv2 wmv3 prores dnxhd rawvideo mjpeg png apng gif bmp tiff webp
  aac aac_fixed aac_latm mp1 mp1float mp2 mp2float mp3 mp3float vorbis opus flac alac ape wavpack
  ac3 ac3_fixed eac3 dca truehd mlp wmav1 wmav2 wmapro wmalossless wmavoice amrnb amrwb gsm gsm_ms
  speex nellymoser 'pcm_*' 'adpcm_*'
  ass ssa srt subrip webvtt movtext text dvbsub dvdsub pgssub)
encoders=(aac alac libmp3lame libvorbis libopus flac wmav2 ac3 eac3 'pcm_*' libopencore_amrnb
  libx264 libx265 libvpx_vp8 libvpx_vp9 mpeg4 h263 flv mjpeg png webvtt srt subrip ass ssa movtext wrapped_avframe rawvideo)
demuxers=(mov matroska flv live_flv avi mpegts mpegps mpegvideo asf mp3 aac loas ac3 eac3 dts truehd
  wav w64 ogg flac amr amrnb amrwb caf aiff ape wv au xwma 'pcm_*' h264 hevc m4v ivf mjpeg rawvideo
  image2 image2pipe image_png_pipe image_jpeg_pipe image_webp_pipe gif
  hls dash webvtt srt ass concat ffmetadata)
muxers=(mp4 mov ipod matroska matroska_audio webm mp3 adts ogg oga opus flac wav asf ac3 eac3 amr
  'pcm_*' image2 image2pipe webvtt srt ass segment hls mpegts avi flv tgp null streamhash)
filters=(aformat anull aresample atrim asetpts acopy asplit amix amerge apad
  afade acrossfade adelay volume volumedetect pan channelmap channelsplit join loudnorm dynaudnorm
  ebur128 astats silencedetect silenceremove highpass lowpass atempo alimiter acompressor areverse
  concat showwavespic anullsrc sine aevalsrc
  equalizer bandreject bandpass deesser afftdn anlmdn agate sidechaingate sidechaincompress compand
  speechnorm showwaves aloop loop aselect asetnsamples ametadata aeval anoisesrc highshelf treble
  format null copy scale fps trim setpts settb setsar setdar crop pad transpose
  hflip vflip rotate overlay fade split select thumbnail tile yadif palettegen paletteuse
  hstack vstack blackdetect showinfo color nullsrc testsrc)
protocols=(file pipe data http https httpproxy tcp tls hls crypto)

join() {
  local IFS=,
  echo "$*"
}

echo "Building ffmpeg $version (takes minutes)..."
(
  cd "$tree"
  ./configure --prefix=/opt/mediafunctions-ffmpeg --extra-version="$version-mediafunctions" \
    --toolchain=hardened --enable-shared --disable-static --disable-debug --disable-doc --disable-ffplay \
    --enable-gpl --enable-version3 --disable-autodetect --disable-everything --disable-postproc \
    --enable-avdevice --enable-indev=lavfi \
    --enable-zlib --enable-iconv --enable-gnutls --enable-libxml2 --enable-libdav1d \
    --enable-libmp3lame --enable-libvorbis --enable-libopus --enable-libopencore-amrnb \
    --enable-libx264 --enable-libx265 --enable-libvpx \
    --enable-decoder="$(join "${decoders[@]}")" --enable-encoder="$(join "${encoders[@]}")" \
    --enable-demuxer="$(join "${demuxers[@]}")" --enable-muxer="$(join "${muxers[@]}")" \
    --enable-filter="$(join "${filters[@]}")" --enable-protocol="$(join "${protocols[@]}")" \
    --enable-parsers --enable-bsfs >"$stage/configure.log" ||
    { tail -n 30 "$stage/configure.log" >&2; exit 1; }
  make -j"$(nproc)" >"$stage/make.log" 2>&1 || { tail -n 30 "$stage/make.log" >&2; exit 1; }
  make install DESTDIR="$stage/install" >/dev/null
)
installed="$stage/install/opt/mediafunctions-ffmpeg"
mkdir "$stage/dist" "$stage/dist/lib"
cp "$installed/bin/ffmpeg" "$installed/bin/ffprobe" "$stage/dist/"
for library in "$installed"/lib/lib*.so; do
  cp -L "$library" "$stage/dist/lib/$(patchelf --print-soname "$library")"
done

glibc='^(ld-linux-x86-64\.so\.2|libc\.so\.6|libm\.so\.6|libmvec\.so\.1|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libresolv\.so\.2|libutil\.so\.1|libanl\.so\.1)$'
amrnb=/usr/lib/x86_64-linux-gnu/libopencore-amrnb.so.0

# ldd lists the whole transitive closure as "soname => path (address)", ffmpeg's own libraries found in
# dist/lib through LD_LIBRARY_PATH; every other one but glibc is copied in beside them.
closure=$(LD_LIBRARY_PATH="$stage/dist/lib" ldd "$stage/dist/ffmpeg" "$stage/dist/ffprobe" "$amrnb")
if grep -q 'not found' <<<"$closure"; then
  grep 'not found' <<<"$closure" >&2
  exit 1
fi
sources=()
while read -r soname path; do
  [[ $soname =~ $glibc || $path == "$stage"/* ]] && continue
  sources+=("$(readlink -f "$path")")
  cp -L "$path" "$stage/dist/lib/$soname"
done < <(awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 }' <<<"$closure" | sort -u)

for library in "$stage"/dist/lib/*; do
  chmod 0644 "$library"
  strip --strip-unneeded "$library"
  patchelf --set-rpath '$ORIGIN' "$library"
done
for tool in ffmpeg ffprobe; do
  chmod 0755 "$stage/dist/$tool"
  strip "$stage/dist/$tool"
  patchelf --set-rpath '$ORIGIN/lib' "$stage/dist/$tool"
done

# Licences and sources: ffmpeg is built with --enable-gpl --enable-version3 (x264, x265 and
# opencore-amrnb), so the layer is GPL v3; the Debian packages of the other libraries are listed too.
# Each path is asked for also without /usr: with merged /usr, dpkg knows some files under /lib.
owners=$(dpkg -S "${sources[@]}" "${sources[@]#/usr}" 2>/dev/null || true)
{
  echo "ffmpeg $version, built from Debian's source package with:"
  "$stage/dist/ffmpeg" -hide_banner -version | sed -n 's/^configuration: //p'
  echo
  echo "Debian packages of the other libraries in this layer:"
  cut -d: -f1 <<<"$owners" | tr -d ' ' | tr ',' '\n' | sort -u | xargs dpkg-query -W -f '${Package} ${Version}\n'
} >"$stage/dist/PACKAGES.txt"
echo "$inputs" >"$stage/dist/BUILD-INPUTS"

"$stage/dist/ffmpeg" -hide_banner -version >/dev/null
"$stage/dist/ffprobe" -hide_banner -version >/dev/null

rm -rf dist
mv "$stage/dist" dist
[ -z "${FFMPEG_LAYER_OWNER:-}" ] || chown -R "$FFMPEG_LAYER_OWNER" dist
echo "ffmpeg-layer/dist: ffmpeg $version, $(ls dist/lib | wc -l) libraries, $(du -sh dist | cut -f1)"
