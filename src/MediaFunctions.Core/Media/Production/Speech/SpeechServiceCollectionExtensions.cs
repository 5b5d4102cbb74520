using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>Registers the offline speech recognisers a production's <c>speech_recognition</c> runs.</summary>
public static class SpeechServiceCollectionExtensions
{
    /// <summary>Adds <see cref="SpeechRecognizers"/> with its options bound from the <c>Speech</c> section and checked at start.</summary>
    public static IServiceCollection AddSpeechRecognition(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpeechOptions>().Bind(configuration.GetSection(SpeechOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PocketsphinxRecognizer>();
        services.AddSingleton<SpeechRecognizers>();
        return services;
    }
}
