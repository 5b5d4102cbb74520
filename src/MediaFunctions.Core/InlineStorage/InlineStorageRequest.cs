using System.Text;
using System.Text.Json.Serialization;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.InlineStorage;

/// <summary>
/// The <c>storage</c> field of a job: where its outputs go instead of the service's container, with the
/// credentials to write there. Every provider takes <c>folder_prefix</c> and <c>base_folder</c>; objects are
/// named <c>{base_folder}/{folder_prefix}/{file}</c>.
/// <list type="bullet">
/// <item><c>s3</c>: <c>endpoint</c>, <c>bucket</c>, <c>region</c> (<c>auto</c> for R2), <c>access_key</c>,
/// <c>secret_key</c>, all required.</item>
/// <item><c>gcs</c>: <c>bucket</c>, <c>access_key</c> and <c>secret_key</c> (HMAC interoperability keys);
/// <c>endpoint</c> defaults to <see cref="GcsDefaultEndpoint"/>, <c>region</c> to <c>auto</c>.</item>
/// <item><c>oss</c>: <c>endpoint</c> (e.g. <c>https://oss-cn-hangzhou.aliyuncs.com</c>), <c>bucket</c>,
/// <c>access_key</c>, <c>secret_key</c>; <c>region</c> defaults to the endpoint's first label when it starts
/// with <c>oss-</c>.</item>
/// <item><c>azure</c>: <c>account_name</c>, <c>container</c>, and either <c>account_key</c> or <c>sas_token</c>
/// (with create and write permission); <c>endpoint</c> is the blob service URL, by default
/// <c>https://{account_name}.blob.core.windows.net</c>.</item>
/// </list>
/// Its <see cref="ToString"/> leaves out every credential. Serialized as JSON it carries them in the clear:
/// only <see cref="InlineStorageProtector"/> turns it into something an orchestration may hold.
/// </summary>
public sealed class InlineStorageRequest
{
    /// <summary>The top-level folder when <see cref="BaseFolder"/> is not given.</summary>
    public const string DefaultBaseFolder = "videos";

    /// <summary>The longest <see cref="FolderPrefix"/> or <see cref="BaseFolder"/>.</summary>
    public const int MaxFolderLength = 200;

    /// <summary>The endpoint of provider <c>gcs</c> when none is given.</summary>
    public const string GcsDefaultEndpoint = "https://storage.googleapis.com";

    private const string Providers = "s3, gcs, oss, azure";

    /// <summary><c>s3</c>, <c>gcs</c>, <c>oss</c> or <c>azure</c>.</summary>
    [JsonPropertyName("provider")]
    public string? Provider { get; init; }

    /// <summary>The service URL (http or https, no path for the S3 protocol; the blob service URL for Azure).</summary>
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; init; }

    /// <summary>The bucket (S3, GCS, OSS).</summary>
    [JsonPropertyName("bucket")]
    public string? Bucket { get; init; }

    /// <summary>The signing region (S3, GCS, OSS), e.g. <c>us-east-1</c>, or <c>auto</c>.</summary>
    [JsonPropertyName("region")]
    public string? Region { get; init; }

    /// <summary>The access key id (S3, GCS, OSS).</summary>
    [JsonPropertyName("access_key")]
    public string? AccessKey { get; init; }

    /// <summary>The secret access key (S3, GCS, OSS). Secret.</summary>
    [JsonPropertyName("secret_key")]
    public string? SecretKey { get; init; }

    /// <summary>The storage account's name (Azure).</summary>
    [JsonPropertyName("account_name")]
    public string? AccountName { get; init; }

    /// <summary>The storage account's key, base64 (Azure). Secret.</summary>
    [JsonPropertyName("account_key")]
    public string? AccountKey { get; init; }

    /// <summary>A SAS token for the container, instead of <see cref="AccountKey"/> (Azure). Secret.</summary>
    [JsonPropertyName("sas_token")]
    public string? SasToken { get; init; }

    /// <summary>The blob container (Azure).</summary>
    [JsonPropertyName("container")]
    public string? Container { get; init; }

    /// <summary>A folder under <see cref="BaseFolder"/>, e.g. <c>downloads/2024/</c>.</summary>
    [JsonPropertyName("folder_prefix")]
    public string? FolderPrefix { get; init; }

    /// <summary>The top-level folder; <see cref="DefaultBaseFolder"/> when not given.</summary>
    [JsonPropertyName("base_folder")]
    public string? BaseFolder { get; init; }

    /// <summary>The provider named by <see cref="Provider"/>, or null when it names none.</summary>
    [JsonIgnore]
    public InlineStorageProvider? ParsedProvider => Provider?.Trim().ToLowerInvariant() switch
    {
        "s3" => InlineStorageProvider.S3,
        "gcs" => InlineStorageProvider.Gcs,
        "oss" => InlineStorageProvider.Oss,
        "azure" => InlineStorageProvider.Azure,
        _ => null,
    };

    /// <summary>The bucket, or the container for Azure.</summary>
    [JsonIgnore]
    public string? BucketOrContainer => (ParsedProvider == InlineStorageProvider.Azure ? Container : Bucket)?.Trim();

    /// <summary>Where outputs go inside the bucket or container: <c>{base_folder}/{folder_prefix}</c>, no slash at either end.</summary>
    [JsonIgnore]
    public string KeyPrefix => InlineStorageKeys.Combine(BaseFolder ?? DefaultBaseFolder, FolderPrefix);

    /// <summary>The endpoint with the provider's default applied; only meaningful once <see cref="Validate"/> found nothing wrong.</summary>
    [JsonIgnore]
    public Uri ResolvedEndpoint => ParsedProvider switch
    {
        InlineStorageProvider.Gcs when string.IsNullOrWhiteSpace(Endpoint) => new Uri(GcsDefaultEndpoint),
        InlineStorageProvider.Azure when string.IsNullOrWhiteSpace(Endpoint) => new Uri($"https://{AccountName?.Trim()}.blob.core.windows.net"),
        _ => new Uri(Endpoint!.Trim()),
    };

    /// <summary>The signing region of the S3 protocol with the provider's default applied.</summary>
    [JsonIgnore]
    public string ResolvedRegion
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(Region))
            {
                return Region.Trim();
            }

            // OSS names its regions in its endpoints: https://oss-cn-hangzhou.aliyuncs.com signs as oss-cn-hangzhou.
            var firstLabel = ParsedProvider == InlineStorageProvider.Oss ? ResolvedEndpoint.Host.Split('.')[0] : "";
            return firstLabel.StartsWith("oss-", StringComparison.Ordinal) ? firstLabel : "auto";
        }
    }

    /// <summary>Everything wrong with the storage settings, each error naming its field (<c>storage.bucket</c>…); empty when usable.</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        var provider = ParsedProvider;
        if (provider is null)
        {
            errors.Add(new("storage.provider", string.IsNullOrWhiteSpace(Provider)
                ? $"storage.provider is required: one of {Providers}."
                : $"storage.provider '{Provider}' is not one of: {Providers}."));
        }
        else if (provider == InlineStorageProvider.Azure)
        {
            ValidateAzure(errors);
        }
        else
        {
            ValidateS3Protocol(provider.Value, errors);
        }

        CheckFolder("storage.folder_prefix", FolderPrefix, errors);
        CheckFolder("storage.base_folder", BaseFolder, errors);
        return errors;
    }

    /// <summary>The provider, bucket or container and folder; never a credential.</summary>
    public override string ToString()
    {
        var text = new StringBuilder($"InlineStorageRequest {{ Provider = {Provider}");
        if (Endpoint is not null)
        {
            text.Append($", Endpoint = {Endpoint}");
        }

        text.Append(ParsedProvider == InlineStorageProvider.Azure ? $", AccountName = {AccountName}, Container = {Container}" : $", Bucket = {Bucket}");
        return text.Append($", KeyPrefix = {KeyPrefix} }}").ToString();
    }

    private void ValidateS3Protocol(InlineStorageProvider provider, List<ValidationError> errors)
    {
        var name = Provider!.Trim().ToLowerInvariant();
        if (provider == InlineStorageProvider.Gcs ? !string.IsNullOrWhiteSpace(Endpoint) : Require("storage.endpoint", Endpoint, name, errors))
        {
            CheckEndpoint(Endpoint, pathAllowed: false, errors);
        }

        if (Require("storage.bucket", Bucket, name, errors) && !IsBucketName(Bucket!.Trim()))
        {
            errors.Add(new("storage.bucket", "storage.bucket must be 3 to 63 lowercase letters, digits, dots, hyphens or underscores, starting and ending with a letter or digit."));
        }

        if (provider == InlineStorageProvider.S3 ? Require("storage.region", Region, name, errors) : !string.IsNullOrWhiteSpace(Region))
        {
            if (!IsRegion(Region!.Trim()))
            {
                errors.Add(new("storage.region", "storage.region must be a region name such as us-east-1, or auto."));
            }
        }

        Require("storage.access_key", AccessKey, name, errors);
        Require("storage.secret_key", SecretKey, name, errors);
    }

    private void ValidateAzure(List<ValidationError> errors)
    {
        if (!string.IsNullOrWhiteSpace(Endpoint))
        {
            CheckEndpoint(Endpoint, pathAllowed: true, errors);
        }

        if (Require("storage.account_name", AccountName, "azure", errors) && !IsAccountName(AccountName!.Trim()))
        {
            errors.Add(new("storage.account_name", "storage.account_name must be 3 to 24 lowercase letters and digits."));
        }

        if (Require("storage.container", Container, "azure", errors) && !IsContainerName(Container!.Trim()))
        {
            errors.Add(new("storage.container", "storage.container must be 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit."));
        }

        var hasKey = !string.IsNullOrWhiteSpace(AccountKey);
        var hasSas = !string.IsNullOrWhiteSpace(SasToken);
        if (hasKey && hasSas)
        {
            errors.Add(new("storage.account_key", "Give either storage.account_key or storage.sas_token, not both."));
        }
        else if (!hasKey && !hasSas)
        {
            errors.Add(new("storage.account_key", "storage.account_key (or storage.sas_token) is required for provider azure."));
        }
        else if (hasKey && !IsBase64(AccountKey!.Trim()))
        {
            errors.Add(new("storage.account_key", "storage.account_key must be the base64 key shown under the storage account's access keys."));
        }
        else if (hasSas && !SasToken!.Contains("sig=", StringComparison.Ordinal))
        {
            errors.Add(new("storage.sas_token", "storage.sas_token must be a SAS token: the query string with sv=, sp= and sig=."));
        }
    }

    private static bool Require(string field, string? value, string provider, List<ValidationError> errors)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        errors.Add(new(field, $"{field} is required for provider {provider}."));
        return false;
    }

    private static void CheckEndpoint(string? endpoint, bool pathAllowed, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(endpoint)
            || !Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(new("storage.endpoint", "storage.endpoint must be an absolute http or https URL, e.g. https://s3.us-east-1.amazonaws.com."));
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            errors.Add(new("storage.endpoint", "storage.endpoint must not carry a user name, password, query or fragment; give credentials in their own fields."));
        }
        else if (!pathAllowed && uri.AbsolutePath != "/")
        {
            errors.Add(new("storage.endpoint", $"storage.endpoint must be the service URL without a path (https://{uri.Authority}); give the bucket in storage.bucket."));
        }
    }

    private static void CheckFolder(string field, string? folder, List<ValidationError> errors)
    {
        if (folder is null)
        {
            return;
        }

        var problem = folder switch
        {
            _ when string.IsNullOrWhiteSpace(folder) => "must not be blank; leave it out instead",
            { Length: > MaxFolderLength } => $"must be at most {MaxFolderLength} characters",
            _ when folder.Contains("..", StringComparison.Ordinal) => "must not contain '..'",
            _ when folder[0] is '/' or '\\' => "must not start with '/' or '\\'",
            _ when folder.Any(char.IsControl) => "must not contain control characters",
            _ => null,
        };
        if (problem is not null)
        {
            errors.Add(new(field, $"{field} {problem}."));
        }
    }

    private static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_')
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1]);

    private static bool IsRegion(string region) =>
        region.Length is >= 2 and <= 64 && region.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsAccountName(string name) =>
        name.Length is >= 3 and <= 24 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

    private static bool IsContainerName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
        && !name.Contains("--", StringComparison.Ordinal);

    private static bool IsBase64(string text) =>
        text.Length % 4 == 0 && Convert.TryFromBase64String(text, new byte[text.Length], out var written) && written > 0;
}
