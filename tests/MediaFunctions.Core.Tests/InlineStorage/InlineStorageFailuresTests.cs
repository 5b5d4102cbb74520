using Amazon.S3;
using MediaFunctions.Core.InlineStorage;

namespace MediaFunctions.Core.Tests.InlineStorage;

public class InlineStorageFailuresTests
{
    private static readonly InlineStorageRequest Settings = new()
    {
        Provider = "s3",
        Endpoint = "https://s3.example.com",
        Bucket = "media",
        Region = "us-east-1",
        AccessKey = "AKIAEXAMPLE",
        SecretKey = "the-secret-key-value",
    };

    [Theory]
    [InlineData("SignatureDoesNotMatch", "storage: the secret key does not match the access key: the signature was refused (SignatureDoesNotMatch).")]
    [InlineData("InvalidAccessKeyId", "storage: the access key was refused (InvalidAccessKeyId).")]
    [InlineData("NoSuchBucket", "storage: bucket 'media' does not exist (NoSuchBucket).")]
    [InlineData("AccessDenied", "storage: the credentials may not write to bucket 'media' (AccessDenied).")]
    [InlineData("AuthorizationHeaderMalformed", "storage: bucket 'media' is not in region 'us-east-1' (AuthorizationHeaderMalformed).")]
    public void Describe_S3ErrorCode_InvalidStorageSayingWhatIsWrong(string errorCode, string message)
    {
        var refusal = InlineStorageFailures.Describe(new AmazonS3Exception("refused") { ErrorCode = errorCode }, Settings, includeNetwork: false);

        Assert.NotNull(refusal);
        Assert.Equal(("invalid_storage", message), (refusal.Code, refusal.Message));
    }

    [Fact]
    public void Describe_ServiceEchoesTheSecret_SecretReplaced()
    {
        var echo = new AmazonS3Exception("Key the-secret-key-value is not allowed") { ErrorCode = "SomethingElse" };

        var refusal = InlineStorageFailures.Describe(echo, Settings, includeNetwork: false);

        Assert.NotNull(refusal);
        Assert.Equal("storage: the storage service refused the write (SomethingElse: Key *** is not allowed).", refusal.Message);
    }

    [Fact]
    public void Describe_NetworkFailureWhenNotIncluded_Null()
    {
        Assert.Null(InlineStorageFailures.Describe(new HttpRequestException("refused"), Settings, includeNetwork: false));
        Assert.NotNull(InlineStorageFailures.Describe(new HttpRequestException("refused"), Settings, includeNetwork: true));
    }
}
