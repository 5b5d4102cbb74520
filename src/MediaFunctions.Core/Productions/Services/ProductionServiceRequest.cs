using System.Text.Json;
using System.Text.Json.Nodes;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Productions.Services;

/// <summary>
/// A service to register, read from <c>POST /api/services.json</c>: <c>type</c> (<c>http</c>, <c>s3</c> or <c>azure</c>),
/// <c>display_name</c>, <c>incoming</c> and <c>outgoing</c> (both true unless given), and the type's settings:
/// <list type="bullet">
/// <item><c>http</c>: <c>base_url</c>, an absolute http(s) URL without credentials, query or fragment.</item>
/// <item><c>s3</c>: <c>endpoint</c>, <c>bucket</c>, <c>region</c>, <c>access_key</c>, <c>secret_key</c>, and <c>prefix</c>.</item>
/// <item><c>azure</c>: <c>account_name</c>, <c>container</c>, <c>account_key</c> or <c>sas_token</c>, <c>endpoint</c>
/// (default <c>https://{account_name}.blob.core.windows.net</c>) and <c>prefix</c>.</item>
/// </list>
/// The storage settings are checked by <see cref="InlineStorageRequest.Validate"/>, the rules of a job's <c>storage</c>.
/// </summary>
public sealed record ProductionServiceRequest(ProductionServiceType Type, string DisplayName, bool Incoming, bool Outgoing, Uri? BaseUrl,
    InlineStorageRequest? Storage, string? Prefix)
{
    private static readonly string[] CommonFields = [ProductionServiceFields.Type, ProductionServiceFields.DisplayName, ProductionServiceFields.Incoming, ProductionServiceFields.Outgoing];

    private static readonly Dictionary<string, string[]> TypeFields = new(StringComparer.Ordinal)
    {
        ["http"] = [ProductionServiceFields.BaseUrl],
        ["s3"] = [ProductionServiceFields.Endpoint, ProductionServiceFields.Bucket, ProductionServiceFields.Region, ProductionServiceFields.AccessKey,
            ProductionServiceFields.SecretKey, ProductionServiceFields.Prefix],
        ["azure"] = [ProductionServiceFields.Endpoint, ProductionServiceFields.AccountName, ProductionServiceFields.Container, ProductionServiceFields.AccountKey,
            ProductionServiceFields.SasToken, ProductionServiceFields.Prefix],
    };

    /// <summary>The request in <paramref name="body"/>.</summary>
    /// <exception cref="ProductionSettingsException">Naming each bad, missing or unknown field.</exception>
    public static ProductionServiceRequest Read(JsonObject body)
    {
        var errors = new List<ValidationError>();
        var type = ReadString(body, ProductionServiceFields.Type, errors)?.Trim().ToLowerInvariant();
        if (type is null || !TypeFields.TryGetValue(type, out var typeFields))
        {
            errors.Add(new(ProductionServiceFields.Type, $"type is required: one of {string.Join(", ", TypeFields.Keys)}."));
            throw new ProductionSettingsException(errors);
        }

        foreach (var (field, _) in body)
        {
            if (!CommonFields.Contains(field) && !typeFields.Contains(field))
            {
                errors.Add(new(field, $"{field} is not a setting of a service of type {type}; it takes {string.Join(", ", typeFields)}."));
            }
        }

        var incoming = ReadFlag(body, ProductionServiceFields.Incoming, errors);
        var outgoing = ReadFlag(body, ProductionServiceFields.Outgoing, errors);
        if (!incoming && !outgoing)
        {
            errors.Add(new(ProductionServiceFields.Incoming, "A service must be incoming, outgoing or both."));
        }

        var displayName = ReadDisplayName(body, required: false, errors);
        ProductionServiceRequest? request = null;
        if (type == "http")
        {
            var baseUrl = ReadHttpUrl(body, ProductionServiceFields.BaseUrl, queryAllowed: false, errors);
            request = new(ProductionServiceType.Http, displayName ?? baseUrl?.Host ?? "", incoming, outgoing, baseUrl is null ? null : WithSlash(baseUrl), null, null);
        }
        else
        {
            var storage = ReadStorage(body, type, errors);
            var prefix = storage.BaseFolder is null ? null : InlineStorageKeys.Combine(storage.BaseFolder);
            var serviceType = type == "s3" ? ProductionServiceType.S3 : ProductionServiceType.Azure;
            request = new(serviceType, displayName ?? storage.BucketOrContainer ?? "", incoming, outgoing, null, storage, prefix is { Length: > 0 } ? prefix : null);
        }

        return errors.Count > 0 ? throw new ProductionSettingsException(errors) : request;
    }

    /// <summary>The <c>display_name</c> of <paramref name="body"/>, checked; null when it is not given and not required.</summary>
    internal static string? ReadDisplayName(JsonObject body, bool required, List<ValidationError> errors)
    {
        var name = ReadString(body, ProductionServiceFields.DisplayName, errors)?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            if (required)
            {
                errors.Add(new(ProductionServiceFields.DisplayName, "display_name is required."));
            }

            return null;
        }

        if (name.Length > ProductionServiceFields.MaxDisplayNameLength || name.Any(char.IsControl))
        {
            errors.Add(new(ProductionServiceFields.DisplayName,
                $"display_name must be at most {ProductionServiceFields.MaxDisplayNameLength} characters without control characters."));
        }

        return name;
    }

    /// <summary>The absolute http(s) URL in <paramref name="field"/> (required), without user info, or null with an error.</summary>
    internal static Uri? ReadHttpUrl(JsonObject body, string field, bool queryAllowed, List<ValidationError> errors)
    {
        var text = ReadString(body, field, errors);
        if (string.IsNullOrWhiteSpace(text)
            || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new(field, $"{field} is required: an absolute http or https URL."));
            return null;
        }

        if (!string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Fragment) || (!queryAllowed && !string.IsNullOrEmpty(url.Query)))
        {
            errors.Add(new(field, queryAllowed
                ? $"{field} must not carry a user name, password or fragment."
                : $"{field} must not carry a user name, password, query or fragment: file names are appended to it."));
            return null;
        }

        return url;
    }

    /// <summary>The string in <paramref name="field"/>, null when absent or null; an error when it is another JSON kind.</summary>
    internal static string? ReadString(JsonObject body, string field, List<ValidationError> errors)
    {
        var value = body[field];
        if (value is null)
        {
            return null;
        }

        if (value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        errors.Add(new(field, $"{field} must be a string."));
        return null;
    }

    private static bool ReadFlag(JsonObject body, string field, List<ValidationError> errors)
    {
        var value = body[field];
        switch (value?.GetValueKind())
        {
            case null:
                return true;
            case JsonValueKind.True or JsonValueKind.False:
                return value.GetValue<bool>();
            default:
                errors.Add(new(field, $"{field} must be true or false."));
                return true;
        }
    }

    private static InlineStorageRequest ReadStorage(JsonObject body, string type, List<ValidationError> errors)
    {
        string? Text(string field) => ReadString(body, field, errors);
        // NOTE: the prefix goes in base_folder, the one folder setting a job's storage has without a default under it.
        var storage = new InlineStorageRequest
        {
            Provider = type,
            Endpoint = Text(ProductionServiceFields.Endpoint),
            Bucket = Text(ProductionServiceFields.Bucket),
            Region = Text(ProductionServiceFields.Region),
            AccessKey = Text(ProductionServiceFields.AccessKey),
            SecretKey = Text(ProductionServiceFields.SecretKey),
            AccountName = Text(ProductionServiceFields.AccountName),
            AccountKey = Text(ProductionServiceFields.AccountKey),
            SasToken = Text(ProductionServiceFields.SasToken),
            Container = Text(ProductionServiceFields.Container),
            BaseFolder = Text(ProductionServiceFields.Prefix),
        };
        errors.AddRange(storage.Validate().Select(error => new ValidationError(ServiceField(error.Field), ServiceWording(error.Message))));

        return storage;
    }

    private static string ServiceField(string storageField) =>
        storageField == "storage.base_folder" ? ProductionServiceFields.Prefix : storageField.Replace("storage.", "", StringComparison.Ordinal);

    private static string ServiceWording(string message) =>
        message.Replace("storage.base_folder", ProductionServiceFields.Prefix, StringComparison.Ordinal)
            .Replace("storage.", "", StringComparison.Ordinal)
            .Replace("provider ", "type ", StringComparison.Ordinal);

    private static Uri WithSlash(Uri url) => url.AbsolutePath.EndsWith('/') ? url : new UriBuilder(url) { Path = url.AbsolutePath + "/" }.Uri;
}
