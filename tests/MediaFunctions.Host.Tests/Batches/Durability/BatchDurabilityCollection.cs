namespace MediaFunctions.Host.Tests.Batches.Durability;

/// <summary>The batch durability test classes: they share one <see cref="BatchDurabilityFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BatchDurabilityCollection : ICollectionFixture<BatchDurabilityFixture>
{
    public const string Name = "BatchDurability";
}
