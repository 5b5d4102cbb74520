using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Api.Batches;

/// <summary>
/// The JSON body of <c>POST /api/batches</c>: where the items come from (<c>url</c> or <c>urls</c>), how the batch
/// runs, and, in the same object, the job fields of its <c>kind</c> as <c>POST /api/jobs</c> (download) or
/// <c>POST /api/jobs/extract-audio</c> (extract-audio) take them.
/// </summary>
public sealed record BatchJobBody
{
    /// <summary>What each item's job does: <c>download</c> (default) or <c>extract-audio</c>.</summary>
    [JsonPropertyName("kind")] public string? Kind { get; init; }

    /// <summary>A playlist, podcast feed, M3U list or playlist page; not with <see cref="Urls"/>.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>One item per URL; not with <see cref="Url"/>.</summary>
    [JsonPropertyName("urls")] public IReadOnlyList<string?>? Urls { get; init; }

    /// <summary>Create the jobs but start none until <c>POST /api/batches/{id}/start</c>.</summary>
    [JsonPropertyName("paused")] public bool? Paused { get; init; }

    /// <summary>How many of the batch's jobs run at once; at most the configured <c>Batches:Concurrency</c>.</summary>
    [JsonPropertyName("concurrency")] public int? Concurrency { get; init; }

    /// <summary>Where the batch's end is POSTed (signed), with the batch as <c>GET /api/batches/{id}</c> shows it.</summary>
    [JsonPropertyName("webhook_url")] public string? WebhookUrl { get; init; }

    /// <summary>Also POST each item job's own end to <see cref="WebhookUrl"/>.</summary>
    [JsonPropertyName("item_webhooks")] public bool? ItemWebhooks { get; init; }

    /// <summary>Keep every item's files until its job is deleted, behind stable links.</summary>
    [JsonPropertyName("persistent")] public bool? Persistent { get; init; }

    /// <summary>The caller's own storage for every item's files.</summary>
    [JsonPropertyName("storage")] public InlineStorageRequest? Storage { get; init; }

    /// <summary>When the batch ends, zip every completed item's files into one more file (not with <see cref="Storage"/>).</summary>
    [JsonPropertyName("zip")] public bool? Zip { get; init; }

    /// <summary>
    /// Reads the batch's fields and its kind's job fields from the one JSON object <paramref name="json"/>.
    /// </summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_field</c> naming every field that cannot be read or used.</exception>
    public static (BatchJobBody Body, BatchRequest Request) Read(JsonObject json, JsonSerializerOptions options, Uri apiBaseUrl)
    {
        var body = json.Deserialize<BatchJobBody>(options)!;
        var errors = new List<ValidationError>();
        var kind = body.Kind ?? JobKind.Download;
        var request = new BatchRequest(kind, Persistent: body.Persistent ?? false, Paused: body.Paused ?? false, Concurrency: body.Concurrency,
            ItemWebhooks: body.ItemWebhooks ?? false, Storage: body.Storage, Zip: body.Zip ?? false);
        var progressWebhooks = false;
        if (kind == JobKind.Download)
        {
            var download = json.Deserialize<DownloadJobBody>(options)!.ReadOptions(errors);
            progressWebhooks = download.ProgressWebhooks;
            request = request with { Download = download };
        }
        else if (kind == JobKind.ExtractAudio)
        {
            request = request with { ExtractAudio = json.Deserialize<ExtractAudioJobBody>(options)!.ReadOptions(errors) };
        }
        else
        {
            errors.Add(new("kind", $"kind must be \"{JobKind.Download}\" or \"{JobKind.ExtractAudio}\", not \"{kind}\"."));
        }

        if (string.IsNullOrWhiteSpace(body.Url) == body.Urls is null)
        {
            errors.Add(new("url", "Give exactly one of url (a playlist, podcast feed or M3U list) and urls (an array of media URLs)."));
        }

        if (string.IsNullOrWhiteSpace(body.WebhookUrl))
        {
            if (request.ItemWebhooks)
            {
                errors.Add(new("item_webhooks", "item_webhooks needs webhook_url: the address the items' ends are POSTed to."));
            }
        }
        else
        {
            request = request with { Webhook = new JobWebhook(JobWebhook.ParseUrl(body.WebhookUrl).AbsoluteUri, apiBaseUrl.AbsoluteUri) };
        }

        if (progressWebhooks && !request.ItemWebhooks)
        {
            errors.Add(new("progress_webhooks", "progress_webhooks needs item_webhooks and webhook_url: the items' stages go where their ends go."));
        }

        return errors.Count > 0 ? throw InvalidJobInputException.InvalidFields(errors) : (body, request);
    }
}
