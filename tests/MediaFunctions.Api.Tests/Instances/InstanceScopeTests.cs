using MediaFunctions.Api.Instances;
using MediaFunctions.Core.Keys;

namespace MediaFunctions.Api.Tests.Instances;

public sealed class InstanceScopeTests
{
    private static readonly ApiKey Alice = new("alice", IsAdmin: false);
    private static readonly ApiKey Root = new("root", IsAdmin: true);

    [Theory]
    [InlineData("alice-0123", true)]
    [InlineData("bob-0123", false)]
    [InlineData("alice2-0123", false)]
    [InlineData("alice", false)]
    public void CanAccess_TenantKey_OnlyItsOwnInstances(string instanceId, bool expected) =>
        Assert.Equal(expected, InstanceScope.CanAccess(Alice, instanceId));

    [Fact]
    public void CanAccess_AdminKey_AnyInstance() => Assert.True(InstanceScope.CanAccess(Root, "bob-0123"));

    [Theory]
    [InlineData(null, "alice-")]
    [InlineData("", "alice-")]
    [InlineData("a", "alice-")]
    [InlineData("alice-", "alice-")]
    [InlineData("alice-01", "alice-01")]
    public void TryNarrowPrefix_TenantKey_IntersectsWithItsOwnPrefix(string? requested, string expected)
    {
        Assert.True(InstanceScope.TryNarrowPrefix(Alice, requested, out var prefix));
        Assert.Equal(expected, prefix);
    }

    [Theory]
    [InlineData("bob-")]
    [InlineData("alicex")]
    [InlineData("b")]
    public void TryNarrowPrefix_TenantKeyAskingForAnotherPrefix_ReturnsFalse(string requested) =>
        Assert.False(InstanceScope.TryNarrowPrefix(Alice, requested, out _));

    [Theory]
    [InlineData(null, null)]
    [InlineData("bob-", "bob-")]
    public void TryNarrowPrefix_AdminKey_KeepsTheRequestedPrefix(string? requested, string? expected)
    {
        Assert.True(InstanceScope.TryNarrowPrefix(Root, requested, out var prefix));
        Assert.Equal(expected, prefix);
    }
}
