#!/usr/bin/env bash
# Builds everything, checks formatting, runs every test project (they start their own Azurite
# and host processes) and ends with one line: "N passed, N failed, N skipped".
# Exits non-zero when anything failed or no test ran.
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")"
source scripts/setup.sh
setup_prerequisites

for script in run.sh test.sh bench.sh .ci/run scripts/*.sh ffmpeg-layer/*.sh; do
  bash -n "$script"
done
# The tests (and the host they start) use ffmpeg-layer/dist when it is there: the ffmpeg Azure runs.
# The first build takes minutes; later runs reuse it unless its inputs changed.
echo "== ffmpeg-layer/dist (ffmpeg-layer/build.sh)"
quietly ffmpeg-layer/build.sh
for tool in ffmpeg ffprobe; do
  "ffmpeg-layer/dist/$tool" -hide_banner -version >/dev/null
done

echo "Building MediaFunctions.sln (Release)..."
quietly dotnet build MediaFunctions.sln -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet format MediaFunctions.sln --verify-no-changes --no-restore -v quiet ||
  { echo "Formatting differs from .editorconfig: run 'dotnet format MediaFunctions.sln'." >&2; exit 1; }

# Bicep: the CLI comes from NuGet (tools/bicep/bicep.proj); compiling infra/ also runs its linter
# (infra/bicepconfig.json). Bicep exits non-zero only on errors, so anything it prints fails too.
echo "== Bicep: infra/main.bicep"
dotnet restore tools/bicep/bicep.proj --nologo -v quiet
bicep=$(dotnet msbuild tools/bicep/bicep.proj -getProperty:BicepPath -nologo | tr '\\' /)
if ! diagnostics=$("$bicep" build infra/main.bicep --stdout 2>&1 >/dev/null) || [ -n "$diagnostics" ]; then
  echo "$diagnostics" >&2
  echo "bicep build infra/main.bicep reported errors or warnings." >&2
  exit 1
fi

results="$PWD/.test-results"
rm -rf "$results"
passed=0 failed=0 skipped=0

# The value of counter $1 in the <Counters .../> element held in $counters.
counter() {
  local value
  value=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters")
  echo "${value:-0}"
}

for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  # NOTE: a hung test is reported and its test host killed after 5 minutes, without a memory dump
  # (a dump of a test host is hundreds of megabytes).
  if dotnet test "$project" -c Release --no-build --nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 5m --blame-hang-dump-type none 2>&1 |
    grep -v -e "^Data collector 'Blame' message: All tests finished running" \
      -e '^Test run for ' -e '^A total of 1 test files matched' -e '^Results File: '; then
    exit_code=0
  else
    exit_code=${PIPESTATUS[0]}
  fi

  trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "$name: no test results (dotnet test exited with $exit_code)." >&2
    failed=$((failed + 1))
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  total=$(counter total)
  project_failed=$(($(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted)))
  # xunit's skipped tests are left out of "executed" rather than counted as notExecuted.
  project_skipped=$(counter notExecuted)
  ((total - $(counter executed) > project_skipped)) && project_skipped=$((total - $(counter executed)))
  if grep -q 'The active test run was aborted' "$trx"; then
    echo "$name: the test run was aborted (test host crashed or hung); see above." >&2
    project_failed=$((project_failed + 1))
  elif ((exit_code != 0 && project_failed == 0)); then
    echo "$name: dotnet test exited with $exit_code." >&2
    project_failed=1
  elif ((total == 0)); then
    echo "$name: no test ran."
  fi
  passed=$((passed + $(counter passed)))
  failed=$((failed + project_failed))
  skipped=$((skipped + project_skipped))
done

if ((passed + failed == 0)); then
  echo "No test ran: a run without tests is a failure." >&2
fi
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0 && passed > 0))
