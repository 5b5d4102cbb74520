using System.Text.Json.Serialization;

namespace MediaFunctions.Core.Productions.Services;

/// <summary>An external service as stored: <see cref="ServiceInfo"/>'s fields, the owning key and what it needs to be used.</summary>
/// <param name="Uuid">Its <see cref="AuphonicUuid"/>.</param>
/// <param name="KeyId">The key that owns it; no other key can see or use it.</param>
/// <param name="Type">What it is.</param>
/// <param name="DisplayName">The name its owner gave it.</param>
/// <param name="Incoming">True when productions may read from it.</param>
/// <param name="Outgoing">True when productions may send to it.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="Settings">Its settings, none of them a credential.</param>
/// <param name="SealedCredentials">
/// For <c>s3</c> and <c>azure</c>: the storage settings, credentials included, as sealed by
/// <see cref="InlineStorage.InlineStorageProtector"/> (base64); null otherwise.
/// </param>
public sealed record ProductionService(string Uuid, string KeyId, ProductionServiceType Type, string DisplayName, bool Incoming, bool Outgoing,
    DateTimeOffset CreatedAt, ProductionServiceSettings Settings, string? SealedCredentials)
{
    /// <summary>Its credentials as <see cref="InlineStorage.InlineStorageProtector"/> opens them; null when it has none.</summary>
    internal InlineStorage.ProtectedInlineStorage? Credentials => SealedCredentials is null
        ? null
        : new(SealedCredentials, Type.ToString().ToLowerInvariant(), Settings.Bucket ?? Settings.Container ?? "", Settings.Prefix ?? "");

    /// <summary>What may be shown of it.</summary>
    public ServiceInfo ToInfo()
    {
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        void Show(string field, string? value)
        {
            if (value is not null)
            {
                shown[field] = value;
            }
        }

        Show(ProductionServiceFields.BaseUrl, Settings.BaseUrl);
        Show(ProductionServiceFields.Endpoint, Settings.Endpoint);
        Show(ProductionServiceFields.Bucket, Settings.Bucket);
        Show(ProductionServiceFields.Region, Settings.Region);
        Show(ProductionServiceFields.AccountName, Settings.AccountName);
        Show(ProductionServiceFields.Container, Settings.Container);
        Show(ProductionServiceFields.Prefix, Settings.Prefix);
        return new(Uuid, Type.ToString().ToLowerInvariant(), DisplayName, Incoming, Outgoing, CreatedAt, shown);
    }
}

/// <summary>The settings of an external service that are not credentials; each type uses some of them.</summary>
public sealed record ProductionServiceSettings
{
    /// <summary>http: the URL files are read from and written to, ending in '/'.</summary>
    [JsonPropertyName("base_url")]
    public string? BaseUrl { get; init; }

    /// <summary>s3 and azure: the service URL (azure: the blob service URL).</summary>
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; init; }

    /// <summary>s3: the bucket.</summary>
    [JsonPropertyName("bucket")]
    public string? Bucket { get; init; }

    /// <summary>s3: the signing region.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    /// <summary>azure: the storage account.</summary>
    [JsonPropertyName("account_name")]
    public string? AccountName { get; init; }

    /// <summary>azure: the container.</summary>
    [JsonPropertyName("container")]
    public string? Container { get; init; }

    /// <summary>s3 and azure: the folder files are read from and written to, without slashes at either end; null for the top.</summary>
    [JsonPropertyName("prefix")]
    public string? Prefix { get; init; }

    /// <summary>connected: where the signed webhook goes after each production.</summary>
    [JsonPropertyName("webhook_url")]
    public string? WebhookUrl { get; init; }

    /// <summary>connected: the app's own data, sent back in each webhook.</summary>
    [JsonPropertyName("custom_data")]
    public string? CustomData { get; init; }

    /// <summary>connected: the client id of the OAuth app that connected it, whose secret signs its webhooks.</summary>
    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }
}
