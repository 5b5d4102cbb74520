using System.Buffers.Text;
using System.Text;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Testing;

namespace MediaFunctions.Core.Tests.Links;

public sealed class FileLinkSignerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    // Its UTF-8 bytes encode to base64 with '+' and '/', which a URL token must not carry.
    private const string BlobName = "alice/job-1/~~~?>>.mp3";

    [Fact]
    public async Task SignAsync_BlobName_UrlSafeTokenThatVerifiesToIt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var signer = new FileLinkSigner(new BlobServiceClient(azurite.ConnectionString));

        var token = await signer.SignAsync(BlobName, timeout.Token);

        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$", token);
        Assert.Equal(BlobName, await signer.VerifyAsync(token, timeout.Token));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("YWxpY2U+.AAAA")]
    [InlineData("")]
    public async Task VerifyAsync_Malformed_Null(string token)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var signer = new FileLinkSigner(new BlobServiceClient(azurite.ConnectionString));

        Assert.Null(await signer.VerifyAsync(token, timeout.Token));
    }

    [Fact]
    public async Task VerifyAsync_OtherBlobWithTheSameSignature_Null()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var signer = new FileLinkSigner(new BlobServiceClient(azurite.ConnectionString));
        var token = await signer.SignAsync(BlobName, timeout.Token);

        var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("bob/job-1/~~~?>>.mp3")) + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Null(await signer.VerifyAsync(forged, timeout.Token));
    }
}
