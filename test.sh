#!/usr/bin/env bash
# Builds everything, checks formatting, runs every test project (they start their own Azurite
# and host processes) and ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
setup_prerequisites

dotnet build MediaFunctions.sln -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet format MediaFunctions.sln --verify-no-changes --no-restore -v quiet

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
status=0
for project in tests/*.Tests/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 5m || status=1
done

# Sum the counters of every result file; a project whose run produced none counts as a failure.
read -r passed failed skipped < <(python3 - "$results" tests/*.Tests/*.Tests.csproj <<'PY'
import glob, os, re, sys
results, projects = sys.argv[1], sys.argv[2:]
passed = failed = skipped = 0
for project in projects:
    name = os.path.basename(project)[:-len(".csproj")]
    files = glob.glob(os.path.join(results, f"{name}.trx"))
    if not files:
        failed += 1
        continue
    text = open(files[0], encoding="utf-8").read()
    counters = re.search(r"<Counters ([^>]*)/>", text)
    values = dict(re.findall(r'(\w+)="(\d+)"', counters.group(1))) if counters else {}
    passed += int(values.get("passed", 0))
    failed += int(values.get("failed", 0)) + int(values.get("error", 0)) + int(values.get("timeout", 0)) + int(values.get("aborted", 0))
    skipped += int(values.get("notExecuted", 0))
    if 'outcome="Aborted"' in text or not counters:
        failed += 1
print(passed, failed, skipped)
PY
)
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
