using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Tests.InlineStorage;

public class InlineStorageServiceCollectionExtensionsTests
{
    [Fact]
    public void AddInlineStorage_WithStorageAndSources_ResolvesVerifierAndWriterWithConfiguredPartSize()
    {
        using var provider = Build(new() { ["InlineStorage:PartSizeBytes"] = "8388608" });

        Assert.NotNull(provider.GetRequiredService<InlineStorageVerifier>());
        Assert.NotNull(provider.GetRequiredService<InlineStorageWriter>());
        Assert.Equal(8 * 1024 * 1024, provider.GetRequiredService<IOptions<InlineStorageOptions>>().Value.PartSizeBytes);
    }

    [Theory]
    [InlineData("1048576")]
    [InlineData("1073741824")]
    public void AddInlineStorage_PartSizeOutOfRange_OptionsRefused(string partSize)
    {
        using var provider = Build(new() { ["InlineStorage:PartSizeBytes"] = partSize });

        var refusal = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<InlineStorageOptions>>().Value);

        Assert.Contains("PartSizeBytes", refusal.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["Storage:ConnectionString"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddMediaFunctionsStorage(configuration)
            .AddUrlSources(configuration)
            .AddInlineStorage(configuration)
            .BuildServiceProvider();
    }
}
