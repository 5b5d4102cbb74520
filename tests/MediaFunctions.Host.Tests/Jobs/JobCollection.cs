namespace MediaFunctions.Host.Tests.Jobs;

/// <summary>The job test classes: they share one <see cref="JobHostFixture"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class JobCollection : ICollectionFixture<JobHostFixture>
{
    public const string Name = "Jobs";
}
