namespace MediaFunctions.Cli.Tests;

/// <summary>The test classes that share one Azurite and one host (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliFixture>
{
    public const string Name = "Cli";
}
