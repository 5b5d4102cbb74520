using MediaFunctions.Cli.Api;
using MediaFunctions.Cli.Configuration;

namespace MediaFunctions.Cli.Tests.Configuration;

/// <summary>Flags win over the environment, which wins over the config file, value by value.</summary>
public sealed class ConnectionResolverTests : IDisposable
{
    private readonly string configPath = Path.Combine(Path.GetTempPath(), $"mediafn-config-{Guid.NewGuid():N}.json");

    public ConnectionResolverTests() =>
        File.WriteAllText(configPath, """{"url": "http://file.example:7071", "key": "file-key"}""");

    [Fact]
    public void Resolve_FlagsEnvironmentAndFile_FlagWins()
    {
        var connection = ConnectionResolver.Resolve("http://flag.example", "flag-key",
            Environment(("MEDIAFN_URL", "http://env.example"), ("MEDIAFN_KEY", "env-key")));

        Assert.Equal(new Uri("http://flag.example"), connection.BaseUrl);
        Assert.Equal("flag-key", connection.Key);
    }

    [Fact]
    public void Resolve_EnvironmentAndFile_EnvironmentWins()
    {
        var connection = ConnectionResolver.Resolve(null, null, Environment(("MEDIAFN_URL", "http://env.example"), ("MEDIAFN_KEY", "env-key")));

        Assert.Equal(new Uri("http://env.example"), connection.BaseUrl);
        Assert.Equal("env-key", connection.Key);
    }

    [Fact]
    public void Resolve_KeyFlagOnly_UrlFromTheFile()
    {
        var connection = ConnectionResolver.Resolve(null, "flag-key", Environment());

        Assert.Equal(new Uri("http://file.example:7071"), connection.BaseUrl);
        Assert.Equal("flag-key", connection.Key);
    }

    [Fact]
    public void Resolve_NoKeyAnywhere_IsAUsageErrorNamingTheFile()
    {
        File.WriteAllText(configPath, "{}");

        var error = Assert.Throws<MediafnException>(() => ConnectionResolver.Resolve(null, null, Environment()));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(configPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UrlThatIsNotHttp_IsAUsageError()
    {
        var error = Assert.Throws<MediafnException>(() => ConnectionResolver.Resolve("ftp://example", "key", Environment()));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    [Fact]
    public void Resolve_ConfigFileNotJson_IsAUsageError()
    {
        File.WriteAllText(configPath, "url = http://example");

        var error = Assert.Throws<MediafnException>(() => ConnectionResolver.Resolve(null, "key", Environment()));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
    }

    public void Dispose() => File.Delete(configPath);

    private Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(variable => variable.Name, variable => variable.Value);
        values["MEDIAFN_CONFIG"] = configPath;
        return name => values.GetValueOrDefault(name);
    }
}
