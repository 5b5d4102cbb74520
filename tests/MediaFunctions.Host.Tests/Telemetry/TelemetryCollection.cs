namespace MediaFunctions.Host.Tests.Telemetry;

/// <summary>
/// The telemetry tests, run alone: an exporter subscribes to the app's source and meter by name, so the spans and
/// measurements of other in-process hosts (the rate-limit tests') would otherwise count with the test's own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryStorageFixture>
{
    public const string Name = "Telemetry";
}
