using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Fixtures;

/// <summary>Test classes that share one <see cref="GeneratedMedia"/>.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedMediaCollection : ICollectionFixture<GeneratedMedia>
{
    public const string Name = "Generated media";
}
