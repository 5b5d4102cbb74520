using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Api.Events;

/// <summary>Registers the live-progress streams.</summary>
public static class EventStreamServiceCollectionExtensions
{
    /// <summary>The stream writer and its <see cref="EventStreamOptions"/> (the "Api" section), validated at start.</summary>
    public static IServiceCollection AddEventStreams(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EventStreamOptions>().Bind(configuration.GetSection(EventStreamOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ServerSentEventStream>();
        return services;
    }
}
