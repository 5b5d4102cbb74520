using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    private readonly StorageOptionsValidator validator = new();

    [Fact]
    public void Validate_NothingSet_FailsNamingBothWaysToConfigure()
    {
        var result = validator.Validate(null, new StorageOptions());

        Assert.True(result.Failed);
        Assert.Contains("Storage:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Storage:BlobServiceUri", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ConnectionString_Succeeds() =>
        Assert.True(validator.Validate(null, new StorageOptions { ConnectionString = "UseDevelopmentStorage=true" }).Succeeded);

    [Fact]
    public void Validate_BothServiceUris_Succeeds() =>
        Assert.True(validator.Validate(null, new StorageOptions
        {
            BlobServiceUri = new Uri("https://account.blob.core.windows.net"),
            TableServiceUri = new Uri("https://account.table.core.windows.net"),
        }).Succeeded);

    [Fact]
    public void Validate_OnlyBlobUri_FailsNamingTheMissingTableUri()
    {
        var result = validator.Validate(null, new StorageOptions { BlobServiceUri = new Uri("https://account.blob.core.windows.net") });

        Assert.True(result.Failed);
        Assert.Contains("Storage:TableServiceUri", result.FailureMessage, StringComparison.Ordinal);
    }
}
