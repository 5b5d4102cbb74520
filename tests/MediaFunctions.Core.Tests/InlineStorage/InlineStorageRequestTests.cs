using System.Text.Json;
using MediaFunctions.Core.InlineStorage;

namespace MediaFunctions.Core.Tests.InlineStorage;

public class InlineStorageRequestTests
{
    private static readonly InlineStorageRequest ValidS3 = Parse("""
        {"provider":"s3","endpoint":"https://s3.us-east-1.amazonaws.com","bucket":"my-bucket","region":"us-east-1",
         "access_key":"AKIAEXAMPLE","secret_key":"s3cr3t/KEY+value","folder_prefix":"downloads/2024/"}
        """);

    [Theory]
    [InlineData("""{"provider":"s3","endpoint":"https://s3.us-east-1.amazonaws.com","bucket":"b-1","region":"us-east-1","access_key":"a","secret_key":"s"}""")]
    [InlineData("""{"provider":"S3","endpoint":"https://acc.r2.cloudflarestorage.com","bucket":"b-1","region":"auto","access_key":"a","secret_key":"s"}""")]
    [InlineData("""{"provider":"gcs","bucket":"my_bucket.example","access_key":"GOOG1","secret_key":"s"}""")]
    [InlineData("""{"provider":"oss","endpoint":"https://oss-cn-hangzhou.aliyuncs.com","bucket":"b-1","access_key":"a","secret_key":"s"}""")]
    [InlineData("""{"provider":"azure","account_name":"acct1","account_key":"a2V5a2V5","container":"media"}""")]
    [InlineData("""{"provider":"azure","account_name":"acct1","sas_token":"?sv=2024-05-04&sp=cw&sig=abc","container":"media","endpoint":"http://127.0.0.1:10000/acct1"}""")]
    public void Validate_CompleteSettings_NoErrors(string json)
    {
        Assert.Empty(Parse(json).Validate());
    }

    [Theory]
    [InlineData("""{"endpoint":"https://x.example"}""", "storage.provider", "storage.provider is required: one of s3, gcs, oss, azure.")]
    [InlineData("""{"provider":"dropbox"}""", "storage.provider", "storage.provider 'dropbox' is not one of: s3, gcs, oss, azure.")]
    [InlineData("""{"provider":"s3","bucket":"b-1","region":"us-east-1","access_key":"a","secret_key":"s"}""", "storage.endpoint", "storage.endpoint is required for provider s3.")]
    [InlineData("""{"provider":"s3","endpoint":"https://s3.example","region":"us-east-1","access_key":"a","secret_key":"s"}""", "storage.bucket", "storage.bucket is required for provider s3.")]
    [InlineData("""{"provider":"s3","endpoint":"https://s3.example","bucket":"b-1","access_key":"a","secret_key":"s"}""", "storage.region", "storage.region is required for provider s3.")]
    [InlineData("""{"provider":"s3","endpoint":"https://s3.example","bucket":"b-1","region":"us-east-1","secret_key":"s"}""", "storage.access_key", "storage.access_key is required for provider s3.")]
    [InlineData("""{"provider":"s3","endpoint":"https://s3.example","bucket":"b-1","region":"us-east-1","access_key":"a"}""", "storage.secret_key", "storage.secret_key is required for provider s3.")]
    [InlineData("""{"provider":"gcs","access_key":"a","secret_key":"s"}""", "storage.bucket", "storage.bucket is required for provider gcs.")]
    [InlineData("""{"provider":"oss","bucket":"b-1","access_key":"a","secret_key":"s"}""", "storage.endpoint", "storage.endpoint is required for provider oss.")]
    [InlineData("""{"provider":"s3","endpoint":"s3.example.com","bucket":"b-1","region":"us-east-1","access_key":"a","secret_key":"s"}""", "storage.endpoint", "storage.endpoint must be an absolute http or https URL, e.g. https://s3.us-east-1.amazonaws.com.")]
    [InlineData("""{"provider":"s3","endpoint":"ftp://s3.example.com","bucket":"b-1","region":"us-east-1","access_key":"a","secret_key":"s"}""", "storage.endpoint", "storage.endpoint must be an absolute http or https URL, e.g. https://s3.us-east-1.amazonaws.com.")]
    [InlineData("""{"provider":"s3","endpoint":"https://u:p@s3.example.com","bucket":"b-1","region":"us-east-1","access_key":"a","secret_key":"s"}""", "storage.endpoint", "storage.endpoint must not carry a user name, password, query or fragment; give credentials in their own fields.")]
    [InlineData("""{"provider":"s3","endpoint":"https://s3.example.com/b-1","bucket":"b-1","region":"us-east-1","access_key":"a","secret_key":"s"}""", "storage.endpoint", "storage.endpoint must be the service URL without a path (https://s3.example.com); give the bucket in storage.bucket.")]
    [InlineData("""{"provider":"s3","endpoint":"https://s3.example.com","bucket":"b/../c","region":"us-east-1","access_key":"a","secret_key":"s"}""", "storage.bucket", "storage.bucket must be 3 to 63 lowercase letters, digits, dots, hyphens or underscores, starting and ending with a letter or digit.")]
    [InlineData("""{"provider":"s3","endpoint":"https://s3.example.com","bucket":"b-1","region":"us east","access_key":"a","secret_key":"s"}""", "storage.region", "storage.region must be a region name such as us-east-1, or auto.")]
    [InlineData("""{"provider":"azure","account_key":"a2V5a2V5","container":"media"}""", "storage.account_name", "storage.account_name is required for provider azure.")]
    [InlineData("""{"provider":"azure","account_name":"Acct_1","account_key":"a2V5a2V5","container":"media"}""", "storage.account_name", "storage.account_name must be 3 to 24 lowercase letters and digits.")]
    [InlineData("""{"provider":"azure","account_name":"acct1","account_key":"a2V5a2V5"}""", "storage.container", "storage.container is required for provider azure.")]
    [InlineData("""{"provider":"azure","account_name":"acct1","account_key":"a2V5a2V5","container":"My--Media"}""", "storage.container", "storage.container must be 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.")]
    [InlineData("""{"provider":"azure","account_name":"acct1","container":"media"}""", "storage.account_key", "storage.account_key (or storage.sas_token) is required for provider azure.")]
    [InlineData("""{"provider":"azure","account_name":"acct1","account_key":"a2V5a2V5","sas_token":"sv=1&sig=x","container":"media"}""", "storage.account_key", "Give either storage.account_key or storage.sas_token, not both.")]
    [InlineData("""{"provider":"azure","account_name":"acct1","account_key":"not base64!","container":"media"}""", "storage.account_key", "storage.account_key must be the base64 key shown under the storage account's access keys.")]
    [InlineData("""{"provider":"azure","account_name":"acct1","sas_token":"sv=2024-05-04&sp=cw","container":"media"}""", "storage.sas_token", "storage.sas_token must be a SAS token: the query string with sv=, sp= and sig=.")]
    [InlineData("""{"provider":"azure","account_name":"acct1","account_key":"a2V5a2V5","container":"media","endpoint":"http://127.0.0.1:1/a?comp=list"}""", "storage.endpoint", "storage.endpoint must not carry a user name, password, query or fragment; give credentials in their own fields.")]
    public void Validate_BadField_NamesTheFieldAndWhatToChange(string json, string field, string message)
    {
        var error = Assert.Single(Parse(json).Validate());

        Assert.Equal(field, error.Field);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("folder_prefix", "../escape", "storage.folder_prefix must not contain '..'.")]
    [InlineData("folder_prefix", "a/../../b", "storage.folder_prefix must not contain '..'.")]
    [InlineData("folder_prefix", "/rooted", "storage.folder_prefix must not start with '/' or '\\'.")]
    [InlineData("folder_prefix", "\\rooted", "storage.folder_prefix must not start with '/' or '\\'.")]
    [InlineData("folder_prefix", "  ", "storage.folder_prefix must not be blank; leave it out instead.")]
    [InlineData("folder_prefix", "tab\there", "storage.folder_prefix must not contain control characters.")]
    [InlineData("base_folder", "../up", "storage.base_folder must not contain '..'.")]
    [InlineData("base_folder", "/videos", "storage.base_folder must not start with '/' or '\\'.")]
    public void Validate_BadFolder_SaysWhatTheFolderMustNotBe(string field, string value, string message)
    {
        var request = Parse($$"""{"provider":"gcs","bucket":"b-1","access_key":"a","secret_key":"s","{{field}}":{{JsonSerializer.Serialize(value)}}}""");

        var error = Assert.Single(request.Validate());

        Assert.Equal($"storage.{field}", error.Field);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Validate_FolderOfMaxLength_AcceptedOneMoreRefused()
    {
        var longest = new string('a', InlineStorageRequest.MaxFolderLength);
        var fits = new InlineStorageRequest { Provider = "gcs", Bucket = "b-1", AccessKey = "a", SecretKey = "s", FolderPrefix = longest };
        var tooLong = new InlineStorageRequest { Provider = "gcs", Bucket = "b-1", AccessKey = "a", SecretKey = "s", BaseFolder = longest + "a" };

        Assert.Empty(fits.Validate());
        Assert.Equal("storage.base_folder must be at most 200 characters.", Assert.Single(tooLong.Validate()).Message);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEach()
    {
        var errors = Parse("""{"provider":"s3","folder_prefix":"/x"}""").Validate();

        Assert.Equal(["storage.endpoint", "storage.bucket", "storage.region", "storage.access_key", "storage.secret_key", "storage.folder_prefix"],
            errors.Select(error => error.Field));
    }

    [Fact]
    public void KeyPrefix_Defaults_BaseFolderVideosThenFolderPrefix()
    {
        Assert.Equal("videos/downloads/2024", ValidS3.KeyPrefix);
        Assert.Equal("videos", new InlineStorageRequest { Provider = "s3" }.KeyPrefix);
        Assert.Equal("media/x", new InlineStorageRequest { Provider = "s3", BaseFolder = "media/", FolderPrefix = "x" }.KeyPrefix);
    }

    [Theory]
    [InlineData("""{"provider":"gcs","bucket":"b-1","access_key":"a","secret_key":"s"}""", "https://storage.googleapis.com/", "auto")]
    [InlineData("""{"provider":"oss","endpoint":"https://oss-cn-hangzhou.aliyuncs.com","bucket":"b-1","access_key":"a","secret_key":"s"}""", "https://oss-cn-hangzhou.aliyuncs.com/", "oss-cn-hangzhou")]
    [InlineData("""{"provider":"oss","endpoint":"https://oss-cn-hangzhou.aliyuncs.com","region":"cn-hangzhou","bucket":"b-1","access_key":"a","secret_key":"s"}""", "https://oss-cn-hangzhou.aliyuncs.com/", "cn-hangzhou")]
    [InlineData("""{"provider":"azure","account_name":"acct1","account_key":"a2V5a2V5","container":"media"}""", "https://acct1.blob.core.windows.net/", "auto")]
    public void ResolvedEndpointAndRegion_NotGiven_ProviderDefaults(string json, string endpoint, string region)
    {
        var request = Parse(json);

        Assert.Equal(new Uri(endpoint), request.ResolvedEndpoint);
        Assert.Equal(region, request.ResolvedRegion);
    }

    [Fact]
    public void ToString_WithSecrets_ShowsNoCredential()
    {
        var azure = Parse("""{"provider":"azure","account_name":"acct1","account_key":"c2VjcmV0LWFjY291bnQta2V5","sas_token":"sv=1&sig=SASSECRET","container":"media"}""");

        var s3Text = ValidS3.ToString();
        var azureText = azure.ToString();

        Assert.Contains("my-bucket", s3Text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", s3Text, StringComparison.Ordinal);
        Assert.DoesNotContain("AKIAEXAMPLE", s3Text, StringComparison.Ordinal);
        Assert.Contains("media", azureText, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", azureText, StringComparison.Ordinal);
        Assert.DoesNotContain("SASSECRET", azureText, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_SnakeCaseFields_AllRead()
    {
        Assert.Equal(("s3", "https://s3.us-east-1.amazonaws.com", "my-bucket", "us-east-1", "AKIAEXAMPLE", "s3cr3t/KEY+value", "downloads/2024/"),
            (ValidS3.Provider, ValidS3.Endpoint, ValidS3.Bucket, ValidS3.Region, ValidS3.AccessKey, ValidS3.SecretKey, ValidS3.FolderPrefix));
    }

    private static InlineStorageRequest Parse(string json) => JsonSerializer.Deserialize<InlineStorageRequest>(json)!;
}
