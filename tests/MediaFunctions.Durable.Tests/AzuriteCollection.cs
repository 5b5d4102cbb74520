using MediaFunctions.Testing;

namespace MediaFunctions.Durable.Tests;

/// <summary>The tests that share one Azurite; each uses a task hub of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";

    public static string NewTaskHub() => "T" + Guid.NewGuid().ToString("N")[..20];
}
