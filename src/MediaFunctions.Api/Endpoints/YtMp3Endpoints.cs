using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.YtMp3;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.ExtractAudio;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Api.Endpoints;

/// <summary>
/// The YouTube-to-MP3 API (seed 003), same paths, fields and envelope: a video page or media URL
/// becomes an extract-audio job of the whole soundtrack as MP3 at the quality's bit rate.
/// </summary>
public static class YtMp3Endpoints
{
    /// <summary>The MP3 bit rate of each quality.</summary>
    public static readonly IReadOnlyDictionary<string, AudioBitrate> Qualities = new Dictionary<string, AudioBitrate>(StringComparer.OrdinalIgnoreCase)
    {
        ["high"] = AudioBitrate.FromKilobits(320),
        ["medium"] = AudioBitrate.FromKilobits(192),
        ["low"] = AudioBitrate.FromKilobits(128),
    };

    /// <summary>
    /// Maps <c>POST /convert</c>, <c>POST /batch-convert</c> and <c>GET /status/{conversion_id}</c> behind the API-key policy
    /// (Bearer and the other key forms).
    /// </summary>
    public static IEndpointRouteBuilder MapYtMp3Endpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("YouTube to MP3").RequireAuthorization(ApiKeyAuthenticationDefaults.Policy).ExcludeFromDescription();
        group.MapPost("/convert", ConvertAsync);
        group.MapPost("/batch-convert", BatchConvertAsync);
        group.MapGet("/status/{conversion_id}", GetStatusAsync);
        return routes;
    }

    /// <summary>
    /// POST <c>/convert</c>: 200 with the conversion. Waits up to <see cref="JobOptions.ConvertWait"/> for it, so a
    /// short one comes back with its <c>download_url</c> in this one answer, as the document's example client expects.
    /// </summary>
    public static async Task<Ok<ConversionResponse>> ConvertAsync(
        HttpContext context, JobAcceptance jobs, JobViews views, IOptions<JobOptions> options, CancellationToken cancellationToken)
    {
        var body = await context.Request.ReadFromJsonAsync<ConvertRequestBody>(cancellationToken)
            ?? throw ApiException.BadRequest("The request body is empty; send {\"url\":\"https://…\",\"quality\":\"high\"}.");
        if (string.IsNullOrWhiteSpace(body.Url))
        {
            throw new InvalidJobInputException("invalid_url", "url is required: the video page or media URL to convert.");
        }

        var keyId = context.GetApiKey().Id;
        var request = Mp3At(body.Quality);
        var job = await jobs.StartExtractAudioAsync(keyId, jobs.NewJobId(keyId), new JobSource(null, body.Url.Trim()), request,
            persistent: false, fileName: null, cancellationToken: cancellationToken);
        job = await views.WaitAsync(keyId, job.Id, options.Value.ConvertWait, cancellationToken) ?? job;
        return TypedResults.Ok(ConversionResponse.From(job, context.Request));
    }

    /// <summary>
    /// POST <c>/batch-convert</c>: 200 with one conversion per URL, each followed at <c>/status/{conversion_id}</c>. A URL
    /// the address rules refuse (or that is not one) is reported in its own entry, and the others run.
    /// </summary>
    public static async Task<Ok<BatchConversionResponse>> BatchConvertAsync(HttpContext context, MediaBatches batches, CancellationToken cancellationToken)
    {
        var body = await context.Request.ReadFromJsonAsync<BatchConvertRequestBody>(cancellationToken)
            ?? throw ApiException.BadRequest("The request body is empty; send {\"urls\":[\"https://…\"],\"quality\":\"high\"}.");
        if (body.Urls is null)
        {
            throw new InvalidJobInputException("invalid_urls", "urls is required: an array of the video page or media URLs to convert.");
        }

        var request = new BatchRequest(JobKind.ExtractAudio, ExtractAudio: Mp3At(body.Quality));
        var batch = await batches.CreateFromUrlsAsync(context.GetApiKey().Id, [.. body.Urls.Select(url => url?.Trim() ?? "")], request, cancellationToken);
        return TypedResults.Ok(BatchConversionResponse.From(batch));
    }

    /// <summary>GET <c>/status/{conversion_id}</c>.</summary>
    public static async Task<Results<Ok<ConversionResponse>, JsonHttpResult<ApiErrorResponse>>> GetStatusAsync(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "conversion_id")] string conversionId, HttpContext context, JobViews jobs,
        CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(context.GetApiKey().Id, conversionId, cancellationToken);
        return job is null
            ? ApiErrorResponse.NotFound($"No conversion with id '{conversionId}' exists for this API key.")
            : TypedResults.Ok(ConversionResponse.From(job, context.Request));
    }

    // The whole soundtrack as MP3 at the quality's bit rate.
    private static ExtractAudioRequest Mp3At(string? quality) => Qualities.TryGetValue(quality ?? "high", out var bitrate)
        ? new ExtractAudioRequest { FullAudio = true, Formats = [AudioFormat.Mp3], Bitrate = bitrate }
        : throw new InvalidJobInputException("invalid_quality", $"quality must be one of: {string.Join(", ", Qualities.Keys)}.");
}
