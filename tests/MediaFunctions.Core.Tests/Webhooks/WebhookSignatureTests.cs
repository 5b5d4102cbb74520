using System.Text;
using MediaFunctions.Core.Webhooks;

namespace MediaFunctions.Core.Tests.Webhooks;

public class WebhookSignatureTests
{
    [Fact]
    public void Create_KnownSecretTimeAndBody_MatchesHmacOfTimestampDotBody()
    {
        // Computed outside .NET: printf '1700000000.{"id":"x"}' | openssl dgst -sha256 -hmac 'whsec_test'
        var header = WebhookSignature.Create("whsec_test", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), Encoding.UTF8.GetBytes("{\"id\":\"x\"}"));

        Assert.Equal("t=1700000000,v1=80e8d098018f757aa814ab1abb924f35d304affa1d93d29611a54696207eb7c3", header);
    }

    [Fact]
    public void Create_OtherTimestamp_SignsDifferently()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":\"x\"}");

        Assert.NotEqual(
            WebhookSignature.Create("whsec_test", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), body).Split(",v1=")[1],
            WebhookSignature.Create("whsec_test", DateTimeOffset.FromUnixTimeSeconds(1_700_000_001), body).Split(",v1=")[1]);
    }
}
