namespace MediaFunctions.Core.Productions.Services;

/// <summary>The field names of an external service, as the API takes and shows them.</summary>
public static class ProductionServiceFields
{
    public const string Type = "type";
    public const string DisplayName = "display_name";
    public const string Incoming = "incoming";
    public const string Outgoing = "outgoing";
    public const string BaseUrl = "base_url";
    public const string Endpoint = "endpoint";
    public const string Bucket = "bucket";
    public const string Region = "region";
    public const string AccessKey = "access_key";
    public const string SecretKey = "secret_key";
    public const string AccountName = "account_name";
    public const string AccountKey = "account_key";
    public const string SasToken = "sas_token";
    public const string Container = "container";
    public const string Prefix = "prefix";
    public const string WebhookUrl = "webhook_url";
    public const string CustomData = "custom_data";

    /// <summary>The longest <see cref="DisplayName"/>.</summary>
    public const int MaxDisplayNameLength = 200;

    /// <summary>The longest <see cref="CustomData"/>; it travels in every webhook's token.</summary>
    public const int MaxCustomDataLength = 4000;
}
