using MediaFunctions.Bench.Batch;
using MediaFunctions.Bench.Engine;
using MediaFunctions.Bench.Extract;
using MediaFunctions.Bench.Production;
using MediaFunctions.Bench.Url;

// Prints `name value unit` lines for the benchmark named on the command line.
var benchmarks = new Dictionary<string, Func<TextWriter, Task>>(StringComparer.Ordinal)
{
    ["engine"] = EngineBenchmark.RunAsync,
    ["extract"] = ExtractBenchmark.RunAsync,
    ["url"] = UrlBenchmark.RunAsync,
    ["batch"] = BatchBenchmark.RunAsync,
    ["production"] = ProductionBenchmark.RunAsync,
};

var known = string.Join(", ", benchmarks.Keys);
if (args.Length != 1)
{
    await Console.Error.WriteLineAsync($"usage: bench.sh NAME, where NAME is one of: {known}");
    return 2;
}

if (!benchmarks.TryGetValue(args[0], out var run))
{
    await Console.Error.WriteLineAsync($"unknown benchmark '{args[0]}', known: {known}");
    return 2;
}

await run(Console.Out);
return 0;
