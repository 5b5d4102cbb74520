#!/usr/bin/env bash
# Runs one benchmark and prints its figures as `name value unit` lines: ./bench.sh NAME
set -euo pipefail
cd "$(dirname "$0")"
source scripts/setup.sh
setup_prerequisites
# The benchmarks run the real host, built in the same configuration.
quietly dotnet build src/MediaFunctions.Host -c Release --nologo -v quiet -clp:ErrorsOnly
quietly dotnet build bench/MediaFunctions.Bench -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet bench/MediaFunctions.Bench/bin/Release/net10.0/MediaFunctions.Bench.dll "$@"
