using System.Text.Json;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Audio;

namespace MediaFunctions.Api.Tests.Jobs;

public sealed class ExtractAudioJobBodyTests
{
    private static ExtractAudioJobBody Parse(string json) => JsonSerializer.Deserialize<ExtractAudioJobBody>(json, JsonSerializerOptions.Web)!;

    [Fact]
    public void ToRequest_EveryField_ReadWithTheFormsNames()
    {
        var body = Parse("""{"source":{"url":"https://example.com/a.mp4"},"output_format":["ogg","amr"],"start_time":3,"duration":1.5,"full_audio":false,"persistent":true}""");

        var request = body.ToRequest();

        Assert.Equal((3, 1.5, false), (request.StartSeconds, request.DurationSeconds, request.FullAudio));
        Assert.Equal([AudioFormat.Ogg, AudioFormat.Amr], request.Formats);
        Assert.True(body.Persistent);
        Assert.Equal("https://example.com/a.mp4", body.Source!.Url);
    }

    [Fact]
    public void ToRequest_OneFormatAsAString_Read() =>
        Assert.Equal([AudioFormat.Flac], Parse("""{"source":{"url":"https://e.com/a"},"output_format":"flac"}""").ToRequest().Formats);

    [Fact]
    public void ToRequest_OnlyASource_ApyHubDefaults()
    {
        var request = Parse("""{"source":{"url":"https://e.com/a"}}""").ToRequest();

        Assert.Equal((0, 2, false), (request.StartSeconds, request.DurationSeconds, request.FullAudio));
        Assert.Equal([AudioFormat.Mp3], request.Formats);
    }

    [Theory]
    [InlineData("""{"output_format":"mp3"}""", "source.url is required")]
    [InlineData("""{"source":{}}""", "source.url is required")]
    [InlineData("""{"source":{"url":"https://example.com/a.mp4","upload":"up-1"}}""", "source.url is required")]
    [InlineData("""{"source":{"url":"https://e.com/a"},"output_format":["mp3","opus"]}""", "output_format 'opus' is not one of")]
    public void ToRequest_MissingOrUnknown_InvalidField(string json, string message)
    {
        var refused = Assert.Throws<InvalidJobInputException>(() => Parse(json).ToRequest());

        Assert.Equal("invalid_field", refused.Code);
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"start_time":"soon"}""")]
    [InlineData("""{"output_format":[3]}""")]
    public void Parse_WrongJsonType_JsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => Parse(json));
}
