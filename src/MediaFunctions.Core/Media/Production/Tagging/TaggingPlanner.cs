using System.Globalization;
using MediaFunctions.Core.Media.Production.Chapters;

namespace MediaFunctions.Core.Media.Production.Tagging;

/// <summary>
/// Plans how a production's metadata and chapters go into one output file through ffmpeg: which tag keys the
/// container keeps (ffmpeg maps its generic keys to each container's own fields and drops those a container
/// has no field for) and how its chapters are stored.
/// </summary>
public static class TaggingPlanner
{
    /// <param name="metadata">The production's metadata.</param>
    /// <param name="chapters">The chapters, each after the one before (as <see cref="ChaptersFile"/> gives them).</param>
    /// <param name="mediaDuration">The output's duration: where the last chapter ends.</param>
    /// <param name="container">The output's container.</param>
    /// <param name="metadataFilePath">Where the caller writes the metadata file (<see cref="TaggingPlan.WriteMetadataFileAsync"/>).</param>
    /// <param name="metadataInputIndex">The index that file's input gets among the ffmpeg run's inputs.</param>
    /// <exception cref="ChaptersFormatException">A chapter does not start after the one before it.</exception>
    /// <exception cref="MediaPlanException">A chapter starts at or after the end of the media.</exception>
    public static TaggingPlan Plan(
        ProductionMetadata metadata,
        IReadOnlyList<ProductionChapter> chapters,
        TimeSpan mediaDuration,
        OutputContainer container,
        string metadataFilePath,
        int metadataInputIndex)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(chapters);
        ArgumentException.ThrowIfNullOrEmpty(metadataFilePath);
        ArgumentOutOfRangeException.ThrowIfNegative(metadataInputIndex);
        ProductionChapter.EnsureIncreasing(chapters);
        if (chapters.Count > 0 && chapters[^1].Start >= mediaDuration)
        {
            throw MediaPlanException.ChapterPastEnd(chapters[^1].Start, mediaDuration);
        }

        var file = new FfmetadataFile();
        foreach (var (key, value) in Tags(metadata, container))
        {
            file.Add(key, value);
        }

        // NOTE: ffmpeg 5.1's Ogg muxer writes no chapters for Vorbis and shifts them for Opus, and its FLAC
        // muxer writes none: there the chapters go in as the Vorbis comments players read them from.
        var hasContainerChapters = chapters.Count > 0 && container is OutputContainer.Mp3 or OutputContainer.Mp4;
        if (hasContainerChapters)
        {
            AddChapters(file, chapters, mediaDuration);
        }
        else if (container is OutputContainer.Ogg or OutputContainer.Flac)
        {
            AddVorbisChapters(file, chapters);
        }

        var input = metadataInputIndex.ToString(CultureInfo.InvariantCulture);
        List<string> output =
        [
            "-map_metadata", input,
            // Without chapters of its own, the output must not take those of the media it is made from.
            "-map_chapters", hasContainerChapters ? input : "-1",
        ];
        if (container == OutputContainer.Mp3)
        {
            // ID3v2.3, not ffmpeg's default 2.4: the version Apple's and most other podcast players read.
            output.AddRange(["-id3v2_version", "3"]);
        }

        return new TaggingPlan(metadataFilePath, file.ToString(), ["-f", "ffmetadata", "-i", metadataFilePath], output);
    }

    /// <summary>The tags for the container, under the keys ffmpeg maps to its native fields.</summary>
    private static IEnumerable<(string Key, string Value)> Tags(ProductionMetadata metadata, OutputContainer container)
    {
        var keywords = metadata.Tags.Where(tag => !string.IsNullOrWhiteSpace(tag)).Select(tag => tag.Trim());
        var year = metadata.Year?.ToString(CultureInfo.InvariantCulture);
        var track = metadata.Track?.ToString(CultureInfo.InvariantCulture);
        (string Key, string? Value)[] tags = container switch
        {
            // Keys ffmpeg has no ID3 frame for become TXXX frames of that description; TIT3 is the subtitle frame.
            OutputContainer.Mp3 =>
            [
                ("title", metadata.Title), ("artist", metadata.Artist), ("album", metadata.Album), ("track", track),
                ("TIT3", metadata.Subtitle), ("comment", metadata.Summary), ("genre", metadata.Genre), ("date", year),
                ("publisher", metadata.Publisher), ("url", metadata.Url?.AbsoluteUri), ("copyright", metadata.License),
                ("license_url", metadata.LicenseUrl?.AbsoluteUri), ("keywords", string.Join(", ", keywords)),
                ("location", metadata.Location?.ToIso6709()),
            ],
            // iTunes atoms: desc (description) and ldes (synopsis) are what podcast apps show; MP4 has no atom
            // ffmpeg writes for a publisher, a link or keywords.
            OutputContainer.Mp4 =>
            [
                ("title", metadata.Title), ("artist", metadata.Artist), ("album", metadata.Album), ("track", track),
                ("description", metadata.Subtitle), ("synopsis", metadata.Summary), ("genre", metadata.Genre),
                ("date", year), ("copyright", metadata.License), ("location", metadata.Location?.ToIso6709()),
            ],
            // Field names from the Vorbis comment specification (ORGANIZATION, CONTACT, LICENSE) where it has one;
            // ffmpeg writes "comment" as DESCRIPTION and "track" as TRACKNUMBER.
            OutputContainer.Ogg or OutputContainer.Flac =>
            [
                ("title", metadata.Title), ("artist", metadata.Artist), ("album", metadata.Album), ("track", track),
                ("SUBTITLE", metadata.Subtitle), ("comment", metadata.Summary), ("genre", metadata.Genre), ("date", year),
                ("ORGANIZATION", metadata.Publisher), ("CONTACT", metadata.Url?.AbsoluteUri), ("COPYRIGHT", metadata.License),
                ("LICENSE", metadata.LicenseUrl?.AbsoluteUri), ("KEYWORDS", string.Join(", ", keywords)),
                ("LOCATION", metadata.Location?.ToIso6709()),
            ],
            // RIFF INFO holds only these (INAM, IART, IPRD, IPRT, ICMT, IGNR, ICRD, ICOP).
            OutputContainer.Wav =>
            [
                ("title", metadata.Title), ("artist", metadata.Artist), ("album", metadata.Album), ("track", track),
                ("comment", metadata.Summary), ("genre", metadata.Genre), ("date", year), ("copyright", metadata.License),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(container), container, null),
        };

        return tags
            .Where(tag => !string.IsNullOrWhiteSpace(tag.Value))
            .Select(tag => (tag.Key, tag.Value!.Trim()));
    }

    /// <summary>Chapter sections, each ending where the next starts and the last at the end of the media.</summary>
    private static void AddChapters(FfmetadataFile file, IReadOnlyList<ProductionChapter> chapters, TimeSpan mediaDuration)
    {
        for (var i = 0; i < chapters.Count; i++)
        {
            file.AddChapter(chapters[i].Start, i + 1 < chapters.Count ? chapters[i + 1].Start : mediaDuration);
            file.Add("title", chapters[i].Title);
            if (chapters[i].Url is { } url)
            {
                file.Add("url", url.AbsoluteUri);
            }
        }
    }

    /// <summary>Chapters as the Vorbis chapter extension writes them: <c>CHAPTER001=00:01:30.000</c>, <c>…NAME</c>, <c>…URL</c>.</summary>
    private static void AddVorbisChapters(FfmetadataFile file, IReadOnlyList<ProductionChapter> chapters)
    {
        for (var i = 0; i < chapters.Count; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"CHAPTER{i + 1:000}");
            file.Add(prefix, ChapterFields.Format(chapters[i].Start));
            file.Add(prefix + "NAME", chapters[i].Title);
            if (chapters[i].Url is { } url)
            {
                file.Add(prefix + "URL", url.AbsoluteUri);
            }
        }
    }
}
