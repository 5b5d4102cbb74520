namespace MediaFunctions.Testing.Media;

/// <summary>How many samples (per channel) a file's first audio stream decodes to, as <c>astats</c> counts them.</summary>
public static class SampleCount
{
    public static async Task<long> ReadAsync(string path, CancellationToken cancellationToken) =>
        (long)await Astats.OverallAsync(path, null, "Number_of_samples", "Number of samples", cancellationToken);
}
