using MediaFunctions.Core.Media.Production.Speech;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Speech;

/// <summary>Which recogniser a production's language gets, as the service registers them.</summary>
public class SpeechRecognizersTests(ITestOutputHelper output)
{
    private static SpeechRecognizers Recognizers(string? whisperModelPath = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(whisperModelPath is null ? [] : [new("Speech:WhisperModelPath", whisperModelPath)])
            .Build();
        return new ServiceCollection().AddSpeechRecognition(configuration).BuildServiceProvider().GetRequiredService<SpeechRecognizers>();
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-US")]
    [InlineData("")]
    [InlineData(null)]
    public void Select_English_Pocketsphinx(string? language)
    {
        var recognizer = Recognizers().Select(language, out var reason);

        Assert.IsType<PocketsphinxRecognizer>(recognizer);
        Assert.Null(reason);
    }

    [Fact]
    public void Select_LanguageWithoutModel_NullWithTheReason()
    {
        var recognizer = Recognizers().Select("de", out var reason);

        output.WriteLine(reason);
        Assert.Null(recognizer);
        Assert.Equal("speech_recognition: no recogniser for language 'de' on this server (pocketsphinx has en-us; configure Speech__WhisperModelPath for others)", reason);
    }

    [Fact]
    public void Select_WhisperModelMissing_NullWithTheReasonNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + "-ggml-base.bin");

        var recognizer = Recognizers(missing).Select("de", out var reason);

        output.WriteLine(reason);
        Assert.Null(recognizer);
        Assert.Contains(missing, reason, StringComparison.Ordinal);
        Assert.Contains("does not exist", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_WhisperModelMissingForEnglish_FallsBackToPocketsphinx()
    {
        var recognizer = Recognizers("/nonexistent/ggml-base.bin").Select("en", out _);

        Assert.IsType<PocketsphinxRecognizer>(recognizer);
    }

    [Fact]
    public void WhisperRecognizer_ModelMissing_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => new WhisperRecognizer("/nonexistent/ggml-base.bin"));
    }

    [Fact]
    public void WhisperRecognizer_Supports_AsksTheNativeRuntimeForItsLanguages()
    {
        // Proves Whisper.net's native runtime loads on this server, though no ggml model can be tested here.
        Assert.True(WhisperRecognizer.Supports("de"));
        Assert.True(WhisperRecognizer.Supports("en-us"));
        Assert.False(WhisperRecognizer.Supports("xx"));
    }
}
