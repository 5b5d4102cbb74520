using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaFunctions.Cli.Display;
using MediaFunctions.Cli.Events;
using MediaFunctions.Cli.Results;

namespace MediaFunctions.Cli.Commands;

/// <summary>
/// Starts a download batch (<c>POST /api/batches</c>) for a playlist, feed or list of URLs, follows its events with
/// one bar per item, and saves every completed item's files. Exit 0 only when every item completed.
/// </summary>
public sealed class BatchCommand : ApiCommand<BatchSettings>
{
    protected override async Task<int> RunAsync(CommandSession session, BatchSettings settings, CancellationToken cancellationToken)
    {
        var body = settings.Fields();
        body["kind"] = "download";
        if (settings.UrlsFile is not null)
        {
            body["urls"] = new JsonArray([.. settings.ReadUrls().Select(url => (JsonNode?)JsonValue.Create(url))]);
        }
        else
        {
            body["url"] = settings.SourceUrl;
        }

        if (settings.Concurrency is { } concurrency)
        {
            body["concurrency"] = concurrency;
        }

        var (batch, files) = await session.Terminal.Board.RunAsync(async board =>
        {
            var accepted = await session.Client.PostAsync("/api/batches", () => JsonContent.Create(body), session.Keys.Submit, cancellationToken);
            var batchId = (accepted.TryGetProperty("batchId", out var id) ? id : accepted.GetProperty("id")).GetString()!;
            var path = $"/api/batches/{Uri.EscapeDataString(batchId)}";
            var bars = new Dictionary<int, ProgressLine>();
            var batch = await new ResourceFollower(session.Client, path, path + "/events", HasEnded)
                .FollowAsync(snapshot => ShowItems(board, bars, snapshot), cancellationToken);
            var results = Items(batch).Where(item => State(item) == "completed" && item.TryGetProperty("job", out _))
                .SelectMany(item => ResultFile.OfJob(item.GetProperty("job")));
            return (batch, await new ResultDownloader(session.Client, board).DownloadAllAsync(results, settings.Folder, cancellationToken));
        });

        var state = State(batch);
        var items = Items(batch).ToList();
        var completed = items.Count(item => State(item) == "completed");
        return CommandOutcome.Finish(session.Terminal, batch, files,
            string.Create(CultureInfo.InvariantCulture, $"batch {batch.GetProperty("id").GetString()} {state} ({completed} of {items.Count} items completed)"),
            state == "completed" ? null : string.Join("; ", items.Where(item => State(item) != "completed").Select(Failure)));
    }

    private static void ShowItems(ProgressBoard board, Dictionary<int, ProgressLine> bars, JsonElement batch)
    {
        foreach (var item in Items(batch))
        {
            var index = item.TryGetProperty("index", out var number) ? number.GetInt32() : bars.Count;
            var label = string.Create(CultureInfo.InvariantCulture, $"item {index + 1}: {Title(item)}");
            if (!bars.TryGetValue(index, out var bar))
            {
                bar = bars[index] = board.Add(label);
            }

            var progress = item.TryGetProperty("job", out var job) && job.ValueKind == JsonValueKind.Object && job.TryGetProperty("progress", out var p)
                ? p.GetInt32()
                : 0;
            switch (State(item))
            {
                case "completed":
                    bar.Finish(label + " (completed)");
                    break;
                case "failed" or "cancelled":
                    bar.Stop($"{label} ({State(item)})");
                    break;
                default:
                    bar.Report(progress, 100, $"{label} ({State(item)})");
                    break;
            }
        }
    }

    /// <summary>The item's title, else the last segment of its URL.</summary>
    private static string Title(JsonElement item)
    {
        if (item.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String && title.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        var url = item.TryGetProperty("url", out var link) ? link.GetString() ?? "" : "";
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && Path.GetFileName(uri.AbsolutePath) is { Length: > 0 } name ? name : url;
    }

    private static bool HasEnded(JsonElement batch) => State(batch) is "completed" or "finished" or "cancelled" or "failed";

    private static string State(JsonElement element) => element.TryGetProperty("state", out var state) ? state.GetString() ?? "" : "";

    private static IEnumerable<JsonElement> Items(JsonElement batch) =>
        batch.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray() : [];

    private static string Failure(JsonElement item)
    {
        var index = item.TryGetProperty("index", out var number) ? number.GetInt32() + 1 : 0;
        var message = item.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var text)
            ? text.GetString()
            : State(item);
        return string.Create(CultureInfo.InvariantCulture, $"item {index}: {message}");
    }
}
