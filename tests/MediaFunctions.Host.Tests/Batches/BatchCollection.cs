namespace MediaFunctions.Host.Tests.Batches;

/// <summary>The batch test classes: they share one <see cref="BatchHostFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BatchCollection : ICollectionFixture<BatchHostFixture>
{
    public const string Name = "Batches";
}
