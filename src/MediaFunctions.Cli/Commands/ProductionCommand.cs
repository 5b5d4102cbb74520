using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaFunctions.Cli.Events;
using MediaFunctions.Cli.Results;
using MediaFunctions.Cli.Uploads;

namespace MediaFunctions.Cli.Commands;

/// <summary>
/// Runs an Auphonic-style production: creates it (<c>POST /api/productions.json</c>), uploads the file
/// (<c>upload.json</c>) or names the URL, starts it, follows its events to Done (3) or Error (2) and saves its output files.
/// </summary>
public sealed class ProductionCommand : ApiCommand<ProductionSettings>
{
    private const int Error = 2;
    private const int Done = 3;

    protected override async Task<int> RunAsync(CommandSession session, ProductionSettings settings, CancellationToken cancellationToken)
    {
        var client = session.Client;
        var production = await session.Terminal.Board.RunAsync(async board =>
        {
            var created = await client.PostAsync("/api/productions.json", () => JsonContent.Create(Body(settings)), session.Keys.Submit, cancellationToken);
            var uuid = created.GetProperty("data").GetProperty("uuid").GetString()!;
            var path = $"/api/production/{Uri.EscapeDataString(uuid)}";
            if (!settings.IsUrl)
            {
                var size = new FileInfo(settings.Source).Length;
                var upload = board.Add($"upload {Path.GetFileName(settings.Source)} ({CommandOutcome.Size(size)})", size);
                await client.PostAsync(path + "/upload.json", () =>
                {
                    var form = new MultipartFormDataContent();
                    var file = new StreamContent(new FileRangeStream(settings.Source, 0, size, read => upload.Report(read, size)), 1 << 16);
                    file.Headers.ContentType = new MediaTypeHeaderValue(MediaContentTypes.For(settings.Source));
                    form.Add(file, "input_file", Path.GetFileName(settings.Source));
                    return form;
                }, session.Keys.For("upload"), cancellationToken, expectContinue: true);
                upload.Finish();
                await client.PostAsync(path + "/start.json", () => null, session.Keys.For("start"), cancellationToken);
            }

            var line = board.Add($"production {uuid}");
            var final = await new ResourceFollower(client, path + ".json", path + "/events", envelope => Status(envelope) is Error or Done)
                .FollowAsync(envelope => line.Report(Status(envelope) == Done ? 100 : 0, 100, $"production {uuid}: {StatusText(envelope)}"), cancellationToken);
            if (Status(final) == Done)
            {
                line.Finish($"production {uuid}: Done");
                return (final, await new ResultDownloader(client, board).DownloadAllAsync(ResultFile.OfProduction(final), settings.Folder, cancellationToken));
            }

            line.Stop($"production {uuid}: {StatusText(final)}");
            return (final, (IReadOnlyList<string>)[]);
        });

        var (envelope, files) = production;
        var data = envelope.GetProperty("data");
        return CommandOutcome.Finish(session.Terminal, envelope, files, $"production {data.GetProperty("uuid").GetString()} {StatusText(envelope)}",
            Status(envelope) == Done ? null : data.TryGetProperty("error_message", out var message) ? message.GetString() : StatusText(envelope));
    }

    private static JsonObject Body(ProductionSettings settings)
    {
        var body = new JsonObject();
        if (settings.Preset is not null)
        {
            body["preset"] = settings.Preset;
        }

        var metadata = new JsonObject();
        if (settings.Title is not null)
        {
            metadata["title"] = settings.Title;
        }

        if (settings.Artist is not null)
        {
            metadata["artist"] = settings.Artist;
        }

        if (metadata.Count > 0)
        {
            body["metadata"] = metadata;
        }

        if (settings.Outputs.Length > 0)
        {
            body["output_files"] = new JsonArray([.. settings.Outputs.Select(format => (JsonNode?)new JsonObject { ["format"] = format })]);
        }

        if (settings.Loudness is { } target)
        {
            body["algorithms"] = new JsonObject { ["normloudness"] = true, ["loudnesstarget"] = target };
        }

        if (settings.IsUrl)
        {
            body["input_file"] = settings.Source;
            body["action"] = "start";
        }

        return body;
    }

    private static int Status(JsonElement envelope) =>
        envelope.TryGetProperty("data", out var data) && data.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number
            ? status.GetInt32()
            : -1;

    private static string StatusText(JsonElement envelope) =>
        envelope.TryGetProperty("data", out var data) && data.TryGetProperty("status_string", out var text) ? text.GetString() ?? "" : "";
}
