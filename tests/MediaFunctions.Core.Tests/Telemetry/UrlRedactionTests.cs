using MediaFunctions.Core.Telemetry;

namespace MediaFunctions.Core.Tests.Telemetry;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("https://acct.blob.core.windows.net/c/talk.mp4?sv=2024-08-04&se=2026-01-01&sp=r&sig=abc%3D", "https://acct.blob.core.windows.net/c/talk.mp4")]
    [InlineData("https://user:pass@hooks.example.com:8443/in?token=secret#part", "https://hooks.example.com:8443/in")]
    [InlineData("http://127.0.0.1:10000/devstoreaccount1/a%20b.mp3", "http://127.0.0.1:10000/devstoreaccount1/a%20b.mp3")]
    public void WithoutQuery_Url_KeepsSchemeHostPortAndPathOnly(string url, string recorded) =>
        Assert.Equal(recorded, UrlRedaction.WithoutQuery(url));

    [Theory]
    [InlineData(null)]
    [InlineData("not a url ?sig=abc")]
    [InlineData("/relative/path?sig=abc")]
    public void WithoutQuery_NoAbsoluteUrl_RecordsNothing(string? text) =>
        Assert.Null(UrlRedaction.WithoutQuery(text));
}
