using System.Globalization;
using System.Text.Json.Nodes;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Media.Production.Chapters;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Tagging;
using MediaFunctions.Core.Productions.Inputs;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Productions.Runs;

/// <summary>
/// Resolves a production's stored fields and uploads into the <see cref="ProductionJob"/> a run executes, refusing
/// (before any work starts) a production that cannot run: no input, an input of no known kind, bad chapters.
/// Pure: no I/O.
/// </summary>
public static class ProductionRunPlanner
{
    /// <summary>The output a production without <c>output_files</c> gets, as Auphonic gives one.</summary>
    public static readonly ProductionOutputRequest DefaultOutput = new("mp3", null, null, null, null, false, false);

    /// <summary>
    /// Algorithms that need a model this server does not have (music_cutter: a music/speech classifier); a production that asks
    /// for one runs without it, and its status says so.
    /// </summary>
    public static readonly IReadOnlyList<string> AlgorithmsWithoutModel = ["music_cutter"];

    /// <exception cref="ProductionSettingsException">The production cannot run; each error names its field.</exception>
    public static ProductionJob Plan(Production production, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(production);
        var fields = production.Fields;
        var errors = new List<ValidationError>();
        var tracks = ProductionJson.ReadFlag(fields[ProductionFields.IsMultitrack], out var multitrack) && multitrack
            ? Tracks(production, fields[ProductionFields.MultiInputFiles] as JsonArray, errors)
            : [];
        var main = multitrack
            ? tracks.FirstOrDefault()?.Source
            : Source(ProductionFields.InputFile, ProductionJson.ReadText(fields[ProductionFields.InputFile]), ProductionJson.ReadText(fields[ProductionFields.Service]),
                production.State.Upload(ProductionFields.InputFile), errors);
        if (main is null && !errors.Any(error => error.Field is ProductionFields.InputFile or ProductionFields.MultiInputFiles))
        {
            errors.Add(new(ProductionFields.InputFile, "The production has no input: upload one (upload.json), or set input_file to an http(s) URL."));
        }

        ProductionSource? intro = null, outro = null;
        foreach (var node in fields[ProductionFields.MultiInputFiles] as JsonArray ?? [])
        {
            var type = ProductionJson.ReadText(node?["type"]);
            if (node is not JsonObject input || type is not ("intro" or "outro"))
            {
                continue;
            }

            var source = Source(type, ProductionJson.ReadText(input[ProductionFields.InputFile]), ProductionJson.ReadText(input[ProductionFields.Service]),
                production.State.Upload(type), errors);
            if (source is null)
            {
                errors.Add(new(ProductionFields.MultiInputFiles, $"The {type} has no input_file: give an http(s) URL, or a service and the file's name on it."));
            }
            else if (type == "intro")
            {
                intro = source;
            }
            else
            {
                outro = source;
            }
        }

        var image = production.State.Upload(ProductionUploads.ImageField) is { } uploadedImage
            ? new ProductionSource(ProductionUploads.ImageField, UploadBlob: uploadedImage.BlobName)
            : ProductionJson.ReadText(fields[ProductionFields.Image]) is { Length: > 0 } imageUrl ? new ProductionSource(ProductionUploads.ImageField, Url: imageUrl) : null;
        var chapters = Chapters(fields[ProductionFields.Chapters] as JsonArray, errors);
        var algorithms = fields[ProductionFields.Algorithms] as JsonObject ?? [];
        var resolved = Algorithms(algorithms, fields[ProductionFields.SpeechRecognition] as JsonObject);
        var outputs = Outputs(fields[ProductionFields.OutputFiles] as JsonArray);
        if ((resolved.SilenceCutter || resolved.FillerCutter || resolved.CoughCutter) && outputs.Any(output => output.Format == "video"))
        {
            errors.Add(new(ProductionFields.OutputFiles,
                "A video output copies the input's picture, which cannot be cut with the audio: turn off silence_cutter, filler_cutter and cough_cutter, or ask for audio outputs."));
        }

        if (errors.Count > 0)
        {
            throw new ProductionSettingsException(errors);
        }

        var metadata = Metadata(fields[ProductionFields.Metadata] as JsonObject ?? [], chapters);
        return new ProductionJob(
            production.KeyId,
            production.Uuid,
            instanceId,
            main!,
            intro,
            outro,
            image,
            BaseName(ProductionJson.ReadText(fields[ProductionFields.OutputBasename]), production.State.Upload(ProductionFields.InputFile)?.FileName ?? main!.FileName,
                production.Uuid),
            outputs,
            metadata,
            chapters,
            Loudness(algorithms),
            resolved,
            tracks,
            [.. (fields[ProductionFields.OutgoingServices] as JsonArray ?? []).Select(service => ProductionJson.ReadText(service?["uuid"])!)],
            ProductionJson.ReadText(fields[ProductionFields.Webhook]) is { Length: > 0 } webhook ? webhook : null,
            [.. AlgorithmsWithoutModel.Where(name => ProductionJson.ReadFlag(algorithms[name], out var on) && on)]);
    }

    private static ProductionSource? Source(string field, string? inputFile, string? service, ProductionUpload? upload, List<ValidationError> errors)
    {
        if (upload is not null && (inputFile is null || inputFile == upload.FileName))
        {
            return new ProductionSource(field, UploadBlob: upload.BlobName);
        }

        if (string.IsNullOrEmpty(inputFile))
        {
            return null;
        }

        if (service is not null)
        {
            return new ProductionSource(field, ServiceUuid: service, ServiceFile: inputFile);
        }

        if (Uri.TryCreate(inputFile, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return new ProductionSource(field, Url: url.AbsoluteUri);
        }

        errors.Add(new(field == ProductionFields.InputFile ? field : ProductionFields.MultiInputFiles,
            $"The {field} '{inputFile}' is neither an http(s) URL nor a file uploaded to this production; give a service to read a file name from."));
        return null;
    }

    private static List<ProductionChapter> Chapters(JsonArray? marks, List<ValidationError> errors)
    {
        var chapters = new List<ProductionChapter>();
        try
        {
            foreach (var mark in marks ?? [])
            {
                chapters.Add(ProductionChapter.FromFields(ProductionJson.ReadText(mark?["start"]), ProductionJson.ReadText(mark?["title"]),
                    ProductionJson.ReadText(mark?["url"]), ProductionJson.ReadText(mark?["image"])));
            }

            ProductionChapter.EnsureIncreasing(chapters);
        }
        catch (ChaptersFormatException bad)
        {
            errors.Add(new(ProductionFields.Chapters, bad.Message));
        }

        return chapters;
    }

    private static ProductionMetadata Metadata(JsonObject metadata, IReadOnlyList<ProductionChapter> chapters)
    {
        string? Text(string name) => ProductionJson.ReadText(metadata[name]) is { Length: > 0 } text ? text : null;
        int? Number(string name) => ProductionJson.ReadNumber(metadata[name], out var number) ? (int)number : null;
        Uri? Link(string name) => Text(name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var url) ? url : null;
        var summary = Text("summary");
        if (ProductionJson.ReadFlag(metadata["append_chapters"], out var append) && append && chapters.Count > 0)
        {
            // Auphonic's append_chapters: the chapter list, one "HH:MM:SS title" a line, after the summary.
            var list = string.Join('\n', chapters.Select(chapter => string.Create(CultureInfo.InvariantCulture, $"{chapter.Start:hh\\:mm\\:ss} {chapter.Title}")));
            summary = summary is null ? list : $"{summary}\n\n{list}";
        }

        var tags = metadata["tags"] switch
        {
            JsonArray array => array.Select(ProductionJson.ReadText).OfType<string>(),
            var text => (ProductionJson.ReadText(text) ?? "").Split(','),
        };
        return new ProductionMetadata
        {
            Title = Text("title"),
            Artist = Text("artist"),
            Album = Text("album"),
            Track = Number("track"),
            Subtitle = Text("subtitle"),
            Summary = summary,
            Genre = Text("genre"),
            Year = Number("year"),
            Publisher = Text("publisher"),
            Url = Link("url"),
            License = Text("license"),
            LicenseUrl = Link("license_url"),
            Tags = [.. tags.Select(tag => tag.Trim()).Where(tag => tag.Length > 0)],
            Location = metadata["location"] is JsonObject location && ProductionJson.ReadNumber(location["latitude"], out var latitude)
                && ProductionJson.ReadNumber(location["longitude"], out var longitude)
                ? new ProductionLocation(latitude, longitude)
                : null,
        };
    }

    private static List<ProductionOutputRequest> Outputs(JsonArray? files)
    {
        if (files is null || files.Count == 0)
        {
            return [DefaultOutput];
        }

        return [.. files.OfType<JsonObject>().Select(file => new ProductionOutputRequest(
            ProductionJson.ReadText(file["format"])!,
            ProductionJson.ReadNumber(file["bitrate"], out var bitrate) ? (int)bitrate : null,
            ProductionJson.ReadText(file["filename"]) is { Length: > 0 } name ? name : null,
            ProductionJson.ReadText(file["ending"]) is { Length: > 0 } ending ? ending.TrimStart('.') : null,
            ProductionJson.ReadText(file["suffix"]) is { Length: > 0 } suffix ? suffix : null,
            ProductionJson.ReadFlag(file["mono_mixdown"], out var mono) && mono,
            ProductionJson.ReadFlag(file["split_on_chapters"], out var split) && split))];
    }

    /// <summary>Auphonic's defaults where a field is not set: filtering on, loudness normalised to −16 LUFS under −1 dBTP.</summary>
    private static LoudnessSettings Loudness(JsonObject algorithms)
    {
        bool Flag(string name, bool fallback) => ProductionJson.ReadFlag(algorithms[name], out var flag) ? flag : fallback;
        double Number(string name, double fallback) => ProductionJson.ReadNumber(algorithms[name], out var number) ? number : fallback;
        return new LoudnessSettings(
            Flag("normloudness", true),
            Number("loudnesstarget", AlgorithmFields.DefaultLoudnessTarget),
            Number("maxpeak", AlgorithmFields.DefaultMaxPeak),
            Flag("filtering", true) || Flag("hipfilter", false));
    }

    /// <summary>Auphonic's defaults where a field is not set: the leveler on at full strength, everything else off.</summary>
    private static ProductionAlgorithms Algorithms(JsonObject algorithms, JsonObject? speech)
    {
        bool Flag(string name, bool fallback) => ProductionJson.ReadFlag(algorithms[name], out var flag) ? flag : fallback;
        double Number(string name, double fallback) => ProductionJson.ReadNumber(algorithms[name], out var number) ? number : fallback;
        return new ProductionAlgorithms(
            Flag("leveler", true),
            Number("levelerstrength", ProductionAlgorithms.DefaultLevelerStrength),
            Flag("denoise", false),
            Number("denoiseamount", 0),
            Flag("silence_cutter", false),
            Flag("filler_cutter", false),
            Flag("cough_cutter", false),
            Flag("dualmono", false),
            Flag("gate", true),
            Flag("crossgate", true),
            speech is null ? null : new ProductionSpeechRequest(
                ProductionJson.ReadText(speech["language"]) ?? "",
                speech["keywords"] switch
                {
                    JsonArray keywords => [.. keywords.Select(ProductionJson.ReadText).OfType<string>().Select(keyword => keyword.Trim()).Where(keyword => keyword.Length > 0)],
                    var text => [.. (ProductionJson.ReadText(text) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
                },
                ProductionJson.ReadFlag(speech["shownotes"], out var shownotes) && shownotes));
    }

    /// <summary>A multitrack production's tracks, each from its upload (by its id) or its <c>input_file</c>; at least one.</summary>
    private static List<ProductionTrack> Tracks(Production production, JsonArray? inputs, List<ValidationError> errors)
    {
        var tracks = new List<ProductionTrack>();
        foreach (var input in (inputs ?? []).OfType<JsonObject>().Where(input => ProductionJson.ReadText(input["type"]) == "multitrack"))
        {
            var id = ProductionJson.ReadText(input["id"]);
            if (string.IsNullOrWhiteSpace(id) || tracks.Any(track => track.Id == id))
            {
                errors.Add(new(ProductionFields.MultiInputFiles, "Each multitrack input needs an id of its own; its upload field is named after it."));
                continue;
            }

            var source = Source(id, ProductionJson.ReadText(input[ProductionFields.InputFile]), ProductionJson.ReadText(input[ProductionFields.Service]),
                production.State.Upload(id), errors);
            if (source is null)
            {
                errors.Add(new(ProductionFields.MultiInputFiles, $"The track '{id}' has no audio: upload it with upload.json as the field '{id}', or give its input_file."));
                continue;
            }

            var algorithms = input["algorithms"] as JsonObject ?? [];
            tracks.Add(new ProductionTrack(
                id,
                source,
                !ProductionJson.ReadFlag(algorithms["filtering"], out var filtering) || filtering,
                ProductionJson.ReadFlag(algorithms["denoise"], out var denoise) && denoise,
                ProductionJson.ReadNumber(algorithms["denoiseamount"], out var amount) ? amount : 0,
                ProductionJson.ReadText(algorithms["backforeground"]) ?? "auto"));
        }

        if (tracks.Count == 0 && errors.Count == 0)
        {
            errors.Add(new(ProductionFields.MultiInputFiles, "A multitrack production needs its tracks: multi_input_files entries of type multitrack, each with an id."));
        }

        return tracks;
    }

    private static string BaseName(string? outputBasename, string? inputFileName, string uuid)
    {
        var name = outputBasename ?? (inputFileName is null ? null : Path.GetFileNameWithoutExtension(inputFileName));
        name = name?.Trim();
        return string.IsNullOrEmpty(name) || name is "." or ".." || name.IndexOfAny(['/', '\\']) >= 0 ? uuid : name;
    }
}
