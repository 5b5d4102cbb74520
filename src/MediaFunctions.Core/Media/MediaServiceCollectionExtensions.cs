using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.AudioTrack;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Multitrack;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Core.Media;

/// <summary>Registers the ffmpeg runner, the prober and the media executors.</summary>
public static class MediaServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <see cref="FfmpegOptions"/> (section "Ffmpeg") and <see cref="SpeechOptions"/> (section "Speech") on
    /// start and adds the media services.
    /// </summary>
    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FfmpegOptions>()
            .Bind(configuration.GetSection(FfmpegOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<FfmpegLocator>();
        services.AddMediaFunctionsMetrics();
        services.AddSingleton<FfmpegRunner>();
        services.AddSingleton<MediaProber>();
        services.AddSingleton<AmrNbEncoder>();
        services.AddSingleton<ExtractAudioExecutor>();
        services.AddSingleton<AudioTrackSplitter>();
        services.AddSingleton<LoudnessAnalyser>();
        services.AddSingleton<EncoderLoudnessCalibrator>();
        services.AddSingleton<ProductionRenderer>();
        services.AddSingleton<ProductionAnalysisPass>();
        services.AddSingleton<MultitrackMixMeasurer>();
        services.AddSpeechRecognition(configuration);
        return services;
    }
}
