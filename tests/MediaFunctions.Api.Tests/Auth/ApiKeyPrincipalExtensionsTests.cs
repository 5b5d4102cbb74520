using System.Security.Claims;
using MediaFunctions.Api.Auth;
using MediaFunctions.Core.Keys;

namespace MediaFunctions.Api.Tests.Auth;

public sealed class ApiKeyPrincipalExtensionsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GetApiKey_PrincipalOfAKey_ReturnsTheSameKey(bool isAdmin)
    {
        var key = new ApiKey("alice", isAdmin);

        Assert.Equal(key, ApiKeyAuthenticationHandler.ToPrincipal(key).GetApiKey());
    }

    [Fact]
    public void GetApiKey_AnonymousPrincipal_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new ClaimsPrincipal(new ClaimsIdentity()).GetApiKey());
}
