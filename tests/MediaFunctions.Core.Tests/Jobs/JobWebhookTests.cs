using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Tests.Jobs;

public class JobWebhookTests
{
    [Theory]
    [InlineData("https://receiver.example/hook?token=abc")]
    [InlineData(" http://127.0.0.1:8080/hook ")]
    public void ParseUrl_AbsoluteHttpOrHttps_ReturnsIt(string value)
    {
        Assert.Equal(value.Trim(), JobWebhook.ParseUrl(value).OriginalString);
    }

    [Theory]
    [InlineData("/hook")]
    [InlineData("ftp://receiver.example/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:pass@receiver.example/hook")]
    [InlineData("not a url")]
    public void ParseUrl_NotAnAbsoluteHttpUrl_IsAnInvalidField(string value)
    {
        var error = Assert.Throws<InvalidJobInputException>(() => JobWebhook.ParseUrl(value));

        Assert.Equal(InvalidJobInputException.InvalidFieldCode, error.Code);
        Assert.Contains(JobWebhook.Field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseUrl_LongerThanTheCap_IsAnInvalidField()
    {
        var error = Assert.Throws<InvalidJobInputException>(() => JobWebhook.ParseUrl("https://receiver.example/" + new string('a', JobWebhook.MaxUrlLength)));

        Assert.Contains("longer", error.Message, StringComparison.Ordinal);
    }
}
