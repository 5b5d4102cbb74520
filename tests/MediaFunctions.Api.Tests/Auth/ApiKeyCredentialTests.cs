using System.Text;
using MediaFunctions.Api.Auth;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Tests.Auth;

public sealed class ApiKeyCredentialTests
{
    [Theory]
    [InlineData("Authorization", "Bearer KEY1", "Authorization: Bearer header")]
    [InlineData("Authorization", "bearer   KEY1  ", "Authorization: Bearer header")]
    [InlineData("apy-token", "KEY1", "'apy-token' header")]
    [InlineData("X-API-Key", "KEY1", "'X-API-Key' header")]
    [InlineData("x-api-key", "KEY1", "'X-API-Key' header")]
    public void TryRead_KeyInHeader_ReturnsItAndWhereItCameFrom(string header, string value, string source)
    {
        var request = Request(headers: (header, value));

        Assert.True(ApiKeyCredential.TryRead(request, out var credential, out var error));
        Assert.Null(error);
        Assert.Equal(new ApiKeyCredential("KEY1", source), credential);
    }

    [Theory]
    [InlineData("anyone:KEY1")]
    [InlineData(":KEY1")]
    [InlineData("user:KEY1")]
    public void TryRead_BasicAuth_ReturnsThePasswordWhateverTheUserName(string userAndPassword)
    {
        var request = Request(headers: ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userAndPassword))));

        Assert.True(ApiKeyCredential.TryRead(request, out var credential, out _));
        Assert.Equal("KEY1", credential!.Secret);
    }

    [Fact]
    public void TryRead_BasicPasswordWithColon_KeepsEverythingAfterTheFirstColon()
    {
        var request = Request(headers: ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("u:KEY:1"))));

        Assert.True(ApiKeyCredential.TryRead(request, out var credential, out _));
        Assert.Equal("KEY:1", credential!.Secret);
    }

    [Fact]
    public void TryRead_QueryParameter_ReturnsIt()
    {
        var request = Request(query: "?bearer_token=KEY1");

        Assert.True(ApiKeyCredential.TryRead(request, out var credential, out _));
        Assert.Equal(new ApiKeyCredential("KEY1", "'bearer_token' query parameter"), credential);
    }

    [Fact]
    public void TryRead_NoCredential_ReturnsFalseWithoutError()
    {
        Assert.False(ApiKeyCredential.TryRead(Request(), out var credential, out var error));
        Assert.Null(credential);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("Basic not-base64!", "not valid base64")]
    [InlineData("Basic a2V5", "'user:KEY'")]
    [InlineData("Bearer ", "empty")]
    public void TryRead_UnreadableAuthorization_ReturnsAnErrorSayingWhy(string authorization, string expected)
    {
        var request = Request(headers: ("Authorization", authorization));

        Assert.False(ApiKeyCredential.TryRead(request, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_EmptyApyToken_ReturnsAnError()
    {
        Assert.False(ApiKeyCredential.TryRead(Request(headers: ("apy-token", "")), out _, out var error));
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_OtherAuthorizationSchemeAndApyToken_UsesTheApyToken()
    {
        var request = Request(headers: [("Authorization", "Negotiate abc"), ("apy-token", "KEY1")]);

        Assert.True(ApiKeyCredential.TryRead(request, out var credential, out _));
        Assert.Equal("KEY1", credential!.Secret);
    }

    [Fact]
    public void TryRead_OnlyAnotherAuthorizationScheme_ReturnsAnErrorNamingTheAcceptedForms()
    {
        Assert.False(ApiKeyCredential.TryRead(Request(headers: ("Authorization", "Digest abc")), out _, out var error));
        Assert.Contains("unsupported scheme", error, StringComparison.Ordinal);
        Assert.Contains("apy-token", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_BearerAndQuery_PrefersTheHeader()
    {
        var request = Request(query: "?bearer_token=FROMQUERY", headers: ("Authorization", "Bearer FROMHEADER"));

        Assert.True(ApiKeyCredential.TryRead(request, out var credential, out _));
        Assert.Equal("FROMHEADER", credential!.Secret);
    }

    private static HttpRequest Request(string query = "", params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }
}
