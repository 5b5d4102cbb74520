namespace MediaFunctions.Host.Tests;

/// <summary>The test classes that share one Azurite and one host process (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "Host";
}
