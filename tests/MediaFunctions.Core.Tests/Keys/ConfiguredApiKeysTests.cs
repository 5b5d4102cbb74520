using MediaFunctions.Core.Keys;

namespace MediaFunctions.Core.Tests.Keys;

public sealed class ConfiguredApiKeysTests
{
    [Fact]
    public void Parse_TenantAndAdminLists_ReturnsEveryKeyWithItsRole()
    {
        var parsed = ConfiguredApiKeys.Parse("alice=SECRET1; bob=SECRET2;", "root=ROOT");

        Assert.Empty(parsed.Errors);
        Assert.Equal(
            [new ConfiguredApiKey("alice", "SECRET1", false), new ConfiguredApiKey("bob", "SECRET2", false), new ConfiguredApiKey("root", "ROOT", true)],
            parsed.Keys.OrderBy(k => k.Id, StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_KeyInBothListsWithOneSecret_MakesItAdmin()
    {
        var parsed = ConfiguredApiKeys.Parse("alice=SECRET1", "alice=SECRET1");

        Assert.Equal([new ConfiguredApiKey("alice", "SECRET1", true)], parsed.Keys);
    }

    [Fact]
    public void Parse_NothingConfigured_ReturnsNoKeysAndNoErrors()
    {
        var parsed = ConfiguredApiKeys.Parse(null, " ");

        Assert.Empty(parsed.Keys);
        Assert.Empty(parsed.Errors);
    }

    [Theory]
    [InlineData("alice", "not 'id=SECRET'")]
    [InlineData("=SECRET", "not 'id=SECRET'")]
    [InlineData("alice=", "not 'id=SECRET'")]
    [InlineData("al-ice=SECRET", "no '-'")]
    [InlineData("Alice=SECRET", "lower-case")]
    [InlineData("alice=SEC RET", "no spaces")]
    [InlineData("alice=A;alice=B", "more than once")]
    [InlineData("alice=SAME;bob=SAME", "own secret")]
    public void Parse_BadEntry_ReportsWhatIsWrongAndReturnsNoKeys(string bootstrapKeys, string expected)
    {
        var parsed = ConfiguredApiKeys.Parse(bootstrapKeys, null);

        Assert.Empty(parsed.Keys);
        var error = Assert.Single(parsed.Errors);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameKeyWithDifferentSecretsInBothLists_ReportsTheConflict()
    {
        var parsed = ConfiguredApiKeys.Parse("alice=ONE", "alice=TWO");

        Assert.Contains("different secrets", Assert.Single(parsed.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadAdminKeys_FailsNamingTheSetting()
    {
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions { AdminKeys = "root" });

        Assert.True(result.Failed);
        Assert.Contains("Auth:AdminKeys", result.FailureMessage, StringComparison.Ordinal);
    }
}
