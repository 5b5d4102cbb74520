using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Testing.Servers;
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
    public async Task Select_English_Pocketsphinx(string? language)
    {
        var (recognizer, reason) = await Recognizers().SelectAsync(language);

        Assert.IsType<PocketsphinxRecognizer>(recognizer);
        Assert.Null(reason);
    }

    [Fact]
    public async Task Select_LanguageWithoutModel_NullWithTheReason()
    {
        var (recognizer, reason) = await Recognizers().SelectAsync("de");

        output.WriteLine(reason);
        Assert.Null(recognizer);
        Assert.Equal("speech_recognition: no recogniser for language 'de' on this server (pocketsphinx has en-us; configure Speech__WhisperModelPath for others)", reason);
    }

    [Fact]
    public async Task Select_WhisperModelMissing_NullWithTheReasonNamingTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + "-ggml-base.bin");

        var (recognizer, reason) = await Recognizers(missing).SelectAsync("de");

        output.WriteLine(reason);
        Assert.Null(recognizer);
        Assert.Contains(missing, reason, StringComparison.Ordinal);
        Assert.Contains("does not exist", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_WhisperModelMissingForEnglish_FallsBackToPocketsphinx()
    {
        var (recognizer, _) = await Recognizers("/nonexistent/ggml-base.bin").SelectAsync("en");

        Assert.IsType<PocketsphinxRecognizer>(recognizer);
    }

    [Fact]
    public async Task Select_WhisperModelUrl_FetchedOnceIntoTheCacheAndAnUnloadableOneExplained()
    {
        var folder = Directory.CreateTempSubdirectory("mf-whisper-model-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "ggml-broken.bin"), "not a ggml model");
            await using var server = await StaticFileServer.StartAsync(folder, CancellationToken.None);
            using var recognizers = Recognizers(server.Url("ggml-broken.bin").AbsoluteUri);

            var (recognizer, reason) = await recognizers.SelectAsync("de");

            output.WriteLine(reason);
            Assert.Null(recognizer);
            Assert.Contains("could not be loaded", reason, StringComparison.Ordinal);
            // The reason names the cached copy: the served file, fetched into the cache.
            var cached = Directory.GetFiles(WhisperModelFile.CacheFolder).Single(path => reason!.Contains(path, StringComparison.Ordinal));
            Assert.Equal("not a ggml model", await File.ReadAllTextAsync(cached));
            File.Delete(cached);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Select_WhisperModelUrlNotFound_NullWithTheReason()
    {
        var folder = Directory.CreateTempSubdirectory("mf-whisper-model-").FullName;
        try
        {
            await using var server = await StaticFileServer.StartAsync(folder, CancellationToken.None);
            using var recognizers = Recognizers(server.Url("ggml-missing.bin").AbsoluteUri);

            var (recognizer, reason) = await recognizers.SelectAsync("de");

            output.WriteLine(reason);
            Assert.Null(recognizer);
            Assert.Contains("could not be fetched", reason, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
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
