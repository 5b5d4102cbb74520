using MediaFunctions.Core.Keys;

namespace MediaFunctions.Core.Tests.Keys;

public sealed class InstanceIdsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NewFor_Key_IsKeyIdDashAnd32HexDigits()
    {
        var id = InstanceIds.NewFor("alice", Noon);

        Assert.Matches("^alice-[0-9a-f]{32}$", id);
        Assert.NotEqual(id, InstanceIds.NewFor("alice", Noon));
    }

    [Fact]
    public void NewFor_OneTickLater_ListsFirstInIdOrder()
    {
        var earlier = InstanceIds.NewFor("alice", Noon);
        var later = InstanceIds.NewFor("alice", Noon.AddTicks(1));

        Assert.Equal([later, earlier], new[] { earlier, later }.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("alice-0123", "alice", true)]
    [InlineData("alice-0123", "ali", false)]
    [InlineData("alice2-0123", "alice", false)]
    [InlineData("alice", "alice", false)]
    [InlineData("bob-alice-1", "alice", false)]
    public void BelongsTo_Prefix_MatchesOnlyTheWholeKeyIdAndDash(string instanceId, string keyId, bool expected) =>
        Assert.Equal(expected, InstanceIds.BelongsTo(instanceId, keyId));

    [Theory]
    [InlineData("a")]
    [InlineData("alice_2")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void IsValidId_LowerCaseDigitsUnderscore_IsTrue(string id) => Assert.True(ApiKey.IsValidId(id));

    [Theory]
    [InlineData("")]
    [InlineData("al-ice")]
    [InlineData("Alice")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData(null)]
    public void IsValidId_AnythingElse_IsFalse(string? id) => Assert.False(ApiKey.IsValidId(id));

    [Fact]
    public void PrefixFor_InvalidKeyId_Throws() => Assert.Throws<ArgumentException>(() => InstanceIds.PrefixFor("a-b"));
}
