namespace MediaFunctions.Core.Storage;

/// <summary>
/// Where the service keeps its blobs and tables, bound from the "Storage" section. Either a
/// connection string (Azurite, or an account key) or the two service URIs, reached with
/// <c>DefaultAzureCredential</c> (managed identity in Azure).
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>A storage connection string, e.g. <c>UseDevelopmentStorage=true</c>; takes precedence over the URIs.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, e.g. <c>https://account.blob.core.windows.net</c>, used with <c>DefaultAzureCredential</c>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The table endpoint, e.g. <c>https://account.table.core.windows.net</c>, used with <c>DefaultAzureCredential</c>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>True when the identity-based settings are to be used instead of a connection string.</summary>
    public bool UsesIdentity => string.IsNullOrWhiteSpace(ConnectionString);
}
