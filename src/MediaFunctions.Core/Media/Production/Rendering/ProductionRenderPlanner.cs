using System.Globalization;
using MediaFunctions.Core.Media.Production.Chapters;
using MediaFunctions.Core.Media.Production.Multitrack;
using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>
/// Plans the one ffmpeg run that renders a production: every input decoded once, each through its own
/// clean-up and loudness filters, intro, main and outro joined, and every output file encoded from that one
/// stream. Pure: it starts no process and reads no file.
/// </summary>
/// <remarks>
/// <para>Inputs, in this order: the main, the intro, the outro, the cover image (for attached pictures), the
/// cover image looped (for audiograms), then one metadata file per output file.</para>
/// <para>Each audio input is brought to the main's sample rate, and to mono when the main is mono or stereo
/// otherwise (every podcast format and player takes those), so <c>concat</c> joins like with like. Encoders
/// that take fewer rates (Opus, MP3) get theirs from ffmpeg's own conversion at the output.</para>
/// <para>Chapters are times of the finished audio (intro included); split files are cut from it to the sample.</para>
/// <para>A multitrack production's main audio is its tracks, each through its own chain and gain, summed, then the master
/// chain (<see cref="MultitrackMixGraph"/>). Its intro, main and outro are each cut or padded to their probed length to the
/// sample, so a <c>tracks</c> output's files (each track after its chain and gain, placed after the intro's length and
/// padded to the end) are as long as the mixdown to the sample.</para>
/// <para>With more than one encoder process, the output that costs most to encode is encoded by a second ffmpeg that
/// reads the finished audio, as raw samples, from a FIFO the first writes: ffmpeg 5.1 encodes its outputs one after
/// another on one thread, so this lets a second core encode while the first decodes, filters and encodes the rest.
/// The input is still decoded and filtered once.</para>
/// </remarks>
public static class ProductionRenderPlanner
{
    /// <summary>An audiogram's width and height: square, as social networks show video in their feeds.</summary>
    public const int AudiogramSize = 720;

    /// <summary>An audiogram's frame rate: enough for a waveform to move, a fraction of the encoding a film's rate costs.</summary>
    public const int AudiogramFrameRate = 10;

    /// <summary>The waveform's height within the audiogram, centred.</summary>
    public const int AudiogramWaveHeight = 240;

    /// <summary>The audiogram's background when the production has no cover image.</summary>
    public const string AudiogramBackground = "0x1f2933";

    /// <summary>
    /// A stereo output's mono mixdown: half of each channel, so no peak grows past the limiter's ceiling, and the mono file
    /// measured as dual-mono (as a mono podcast is heard, on both speakers) is as loud as the stereo one.
    /// </summary>
    public const string MonoMixdown = "pan=mono|c0=0.5*c0+0.5*c1";

    /// <summary>Relative cost of encoding a second of audio in each format (mp3 = 1), measured on this ffmpeg build.</summary>
    private static readonly Dictionary<string, double> EncodeCost = new(StringComparer.OrdinalIgnoreCase)
    {
        ["aac"] = 2,
        ["opus"] = 1.5,
        ["vorbis"] = 1.5,
        ["mp3"] = 1,
        ["mp3-vbr"] = 1,
        ["alac"] = 0.3,
        ["flac"] = 0.3,
        ["wav"] = 0.05,
        ["wav-24bit"] = 0.05,
    };

    /// <param name="spec">What to render.</param>
    /// <param name="encoderProcesses">How many ffmpeg processes may run at once: 1 plans one run; n hands the n − 1 dearest audio outputs each to an ffmpeg of its own, fed through a FIFO.</param>
    /// <exception cref="ArgumentException">The spec is inconsistent: no outputs, a file name with a folder in it or used twice, chapter images not matching the chapters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An output's format is unknown, or its bit rate out of range.</exception>
    /// <exception cref="MediaPlanException">A video output without a video input or with an unsupported ending, a split video, or a chapter past the end.</exception>
    /// <exception cref="ChaptersFormatException">A chapter does not start after the one before it.</exception>
    public static ProductionRenderPlan Plan(ProductionRenderSpec spec, int encoderProcesses = 1)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec);
        var total = spec.Main.Duration + (spec.Intro?.Duration ?? TimeSpan.Zero) + (spec.Outro?.Duration ?? TimeSpan.Zero);
        ProductionChapter.EnsureIncreasing(spec.Chapters);
        if (spec.Chapters.Count > 0 && spec.Chapters[^1].Start >= total)
        {
            throw MediaPlanException.ChapterPastEnd(spec.Chapters[^1].Start, total);
        }

        var files = Files(spec);
        if (spec.Main.Tracks.Count == 0 && files.Any(file => file.Format.Kind == ProductionFormatKind.Tracks))
        {
            throw new ArgumentException("A tracks output needs a multitrack production: a single-track production has no tracks to export.", nameof(spec));
        }

        var mix = spec.Main.Tracks.Count > 0
            ? new MultitrackMixGraph(spec.Main.Tracks, spec.OutputFolder, spec.Main.Loudness.SampleRate, spec.Main.Channels, spec.Main.Cuts)
            : null;
        var hasVideoOutput = files.Any(file => file.Format.Kind == ProductionFormatKind.Video);
        if (hasVideoOutput && !spec.Main.HasVideo)
        {
            throw MediaPlanException.NoVideoStream();
        }

        List<string> arguments = ["-hide_banner", "-nostats", "-loglevel", "warning", "-y", "-progress", "pipe:1"];
        if (hasVideoOutput && spec.Intro is not null)
        {
            // The copied video starts when the main audio does, after the intro: MP4 and MOV get an empty edit
            // and Matroska a first frame at that time, so players show a black (or the first) picture during
            // the intro, then picture and speech in sync.
            arguments.AddRange(["-itsoffset", Seconds(spec.Intro.Duration)]);
        }

        // Decoded in the order they play; opened main first, so its video is input 0 whatever comes before it.
        // A multitrack main opens its tracks and their gains in its place.
        List<AudioInput> audioInputs = [new("main", 0, spec.Main)];
        var inputCount = 1;
        if (mix is null)
        {
            AddInput(arguments, spec.Main);
        }
        else
        {
            arguments.AddRange(mix.InputArguments());
            inputCount = mix.InputCount;
        }

        if (spec.Intro is not null)
        {
            audioInputs.Insert(0, new("intro", inputCount++, spec.Intro));
            AddInput(arguments, spec.Intro);
        }

        if (spec.Outro is not null)
        {
            audioInputs.Add(new("outro", inputCount++, spec.Outro));
            AddInput(arguments, spec.Outro);
        }

        int? coverInput = null, loopedCoverInput = null;
        if (spec.CoverImagePath is { } cover && files.Any(file => file.Format.CarriesCoverArt))
        {
            coverInput = inputCount++;
            arguments.AddRange(["-i", cover]);
        }

        if (spec.CoverImagePath is { } background && files.Any(file => file.Format.Kind == ProductionFormatKind.Audiogram))
        {
            loopedCoverInput = inputCount++;
            // A second past the audio, which ends the audiogram (overlay's shortest).
            arguments.AddRange(["-loop", "1", "-framerate", Invariant(AudiogramFrameRate), "-t", Seconds(total + TimeSpan.FromSeconds(1)), "-i", background]);
        }

        var offloaded = Dearest(files, encoderProcesses - 1);
        var tagging = new List<TaggingPlan>();
        for (var i = 0; i < files.Count; i++)
        {
            // An offloaded file's metadata is its own ffmpeg's input 1, after the samples.
            var plan = Tagging(spec, files[i], total, offloaded.Contains(i) ? 1 : inputCount++);
            tagging.Add(plan);
            if (!offloaded.Contains(i))
            {
                arguments.AddRange(plan.InputArguments);
            }
        }

        arguments.AddRange(["-filter_complex", FilterGraph(spec, audioInputs, files, total, loopedCoverInput, mix)]);
        var encoders = new List<OffloadedEncoder>();
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].Format.Kind == ProductionFormatKind.Tracks)
            {
                foreach (var (entry, track) in files[i].TrackEntries.Select((entry, track) => (entry, track)))
                {
                    AddOutput(arguments, files[i] with { Path = entry.Path }, Invariant($"[t{i}x{track}]"), i, tagging[i], null, null);
                }
            }
            else if (offloaded.Contains(i))
            {
                var fifo = files[i].Path + ".pcm";
                arguments.AddRange(["-map", Invariant($"[a{i}]"), "-c:a", "pcm_f32le", "-f", "f32le", fifo]);
                encoders.Add(new OffloadedEncoder(fifo, OffloadedArguments(spec, files[i], tagging[i], fifo)));
            }
            else
            {
                AddOutput(arguments, files[i], Invariant($"[a{i}]"), i, tagging[i], coverInput, spec.CoverImagePath);
            }
        }

        return new ProductionRenderPlan(
            arguments,
            tagging,
            [.. files.Select(file => new PlannedProductionFile(file.Output, file.Format, file.Path, file.Chapter + 1, AddsChapterLinksAndImages(spec, file))
            {
                TrackEntries = file.TrackEntries,
            })],
            total,
            encoders)
        {
            GainFiles = mix?.GainFiles.OfType<TrackGainFile>().ToList() ?? [],
        };
    }

    /// <summary>The (at most <paramref name="count"/>) whole-file audio outputs that cost most to encode.</summary>
    private static HashSet<int> Dearest(List<PlannedFile> files, int count) =>
    [
        .. files.Select((file, index) => (file, index))
            .Where(candidate => candidate.file.Format.Kind == ProductionFormatKind.Audio && candidate.file.Chapter is null
                && EncodeCost.GetValueOrDefault(candidate.file.Format.Name) >= 1)
            .OrderByDescending(candidate => EncodeCost[candidate.file.Format.Name])
            .Take(Math.Max(count, 0))
            .Select(candidate => candidate.index),
    ];

    /// <summary>An offloaded encoder's ffmpeg: the finished audio from its FIFO (input 0), the file's metadata (1) and cover (2), one output.</summary>
    private static List<string> OffloadedArguments(ProductionRenderSpec spec, PlannedFile file, TaggingPlan tagging, string fifo)
    {
        var channels = file.Output.MonoMixdown || spec.Main.Channels == 1 ? 1 : 2;
        List<string> arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "warning", "-y",
            // With a second input (the metadata) ffmpeg reads each in a thread of its own and hands the packets over a queue,
            // of 8 by default: the FIFO's small raw packets filled it at once, and the main run then waited on this one, which
            // made an hour's mp3 and aac render 85 s instead of 37.
            "-f", "f32le", "-ar", Invariant(spec.Main.Loudness.SampleRate), "-ac", Invariant(channels), "-thread_queue_size", "1024", "-i", fifo,
            .. tagging.InputArguments,
        ];
        int? coverInput = null;
        if (spec.CoverImagePath is { } cover && file.Format.CarriesCoverArt)
        {
            coverInput = 2;
            arguments.AddRange(["-i", cover]);
        }

        AddOutput(arguments, file, "0:a:0", 0, tagging, coverInput, spec.CoverImagePath);
        return arguments;
    }

    private static void Validate(ProductionRenderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec.Main);
        ArgumentNullException.ThrowIfNull(spec.Outputs);
        ArgumentNullException.ThrowIfNull(spec.Metadata);
        ArgumentNullException.ThrowIfNull(spec.Chapters);
        ArgumentNullException.ThrowIfNull(spec.ChapterImagePaths);
        ArgumentException.ThrowIfNullOrEmpty(spec.OutputFolder);
        if (spec.Outputs.Count == 0)
        {
            throw new ArgumentException("A production render needs at least one output.", nameof(spec));
        }

        if (spec.ChapterImagePaths.Count != 0 && spec.ChapterImagePaths.Count != spec.Chapters.Count)
        {
            throw new ArgumentException(
                $"There are {spec.ChapterImagePaths.Count} chapter image paths for {spec.Chapters.Count} chapters.", nameof(spec));
        }

        foreach (var input in new[] { spec.Main, spec.Intro, spec.Outro }.OfType<ProductionRenderInput>())
        {
            if (input.Tracks.Count == 0)
            {
                ArgumentException.ThrowIfNullOrEmpty(input.Location, nameof(spec));
            }

            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(input.Channels, nameof(spec));
        }

        foreach (var track in spec.Main.Tracks)
        {
            ArgumentNullException.ThrowIfNull(track, nameof(spec));
            ArgumentException.ThrowIfNullOrEmpty(track.Location, nameof(spec));
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(track.Channels, nameof(spec));
        }

        if (spec.Intro?.Tracks.Count > 0 || spec.Outro?.Tracks.Count > 0)
        {
            throw new ArgumentException("Only the main input of a production can be multitrack.", nameof(spec));
        }
    }

    /// <summary>Every file to write: one per output, or one per chapter for an output split on chapters.</summary>
    private static List<PlannedFile> Files(ProductionRenderSpec spec)
    {
        var files = new List<PlannedFile>();
        foreach (var output in spec.Outputs)
        {
            if (string.IsNullOrWhiteSpace(output.FileName) || Path.GetFileName(output.FileName) != output.FileName)
            {
                throw new ArgumentException($"The output file name '{output.FileName}' must be a plain file name.", nameof(spec));
            }

            var format = ProductionFormats.For(output);
            if (format.Kind == ProductionFormatKind.Tracks)
            {
                var path = Path.Combine(spec.OutputFolder, output.FileName);
                files.Add(new PlannedFile(output, format, path, null) { TrackEntries = TrackEntries(spec.Main.Tracks, format, path) });
                continue;
            }

            if (!output.SplitOnChapters || spec.Chapters.Count == 0)
            {
                // Without chapters there is nothing to split at: the output is one file under its own name.
                files.Add(new PlannedFile(output, format, Path.Combine(spec.OutputFolder, output.FileName), null));
                continue;
            }

            if (format.Kind != ProductionFormatKind.Audio)
            {
                throw MediaPlanException.SplitOnChaptersUnsupported(format.Name);
            }

            var digits = Math.Max(2, Invariant(spec.Chapters.Count).Length);
            var stem = Path.GetFileNameWithoutExtension(output.FileName);
            var ending = Path.GetExtension(output.FileName);
            for (var chapter = 0; chapter < spec.Chapters.Count; chapter++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"{stem}-{(chapter + 1).ToString(new string('0', digits), CultureInfo.InvariantCulture)}{ending}");
                files.Add(new PlannedFile(output, format, Path.Combine(spec.OutputFolder, name), chapter));
            }
        }

        var repeated = files.GroupBy(file => file.Path, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        return repeated is null
            ? files
            : throw new ArgumentException($"Two outputs would both be written as {Path.GetFileName(repeated.Key)}.", nameof(spec));
    }

    /// <summary>
    /// A tracks output's files: each named after its track's id with what a file name cannot hold replaced, made unique by the
    /// track's number where two ids come out alike, and written next to the zip until they are put in it.
    /// </summary>
    private static List<TrackArchiveEntry> TrackEntries(IReadOnlyList<ProductionRenderTrack> tracks, ProductionFormat format, string zipPath)
    {
        var partEnding = format.Ending[..^".zip".Length];
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = new List<TrackArchiveEntry>(tracks.Count);
        for (var i = 0; i < tracks.Count; i++)
        {
            var safe = new string([.. tracks[i].Id.Trim().Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]).Trim('.');
            var stem = safe.Length == 0 ? Invariant($"track{i + 1}") : safe;
            var name = used.Add(stem + "." + partEnding) ? stem + "." + partEnding : Invariant($"{stem}-{i + 1}.{partEnding}");
            used.Add(name);
            entries.Add(new TrackArchiveEntry(name, Invariant($"{zipPath}.{i}.{partEnding}")));
        }

        return entries;
    }

    private static void AddInput(List<string> arguments, ProductionRenderInput input) =>
        arguments.AddRange([.. input.InputArguments, "-i", input.Location]);

    /// <summary>
    /// The tags of a whole-production file, with its chapters; a chapter's file is titled after its chapter and
    /// numbered as the track, with no chapter list of its own.
    /// </summary>
    private static TaggingPlan Tagging(ProductionRenderSpec spec, PlannedFile file, TimeSpan total, int inputIndex)
    {
        var metadataPath = file.Path + ".ffmetadata";
        if (file.Chapter is not { } index)
        {
            return TaggingPlanner.Plan(spec.Metadata, spec.Chapters, total, file.Format.Container, metadataPath, inputIndex);
        }

        var chapter = spec.Chapters[index];
        var (start, end) = ChapterSpan(spec.Chapters, index, total);
        var metadata = spec.Metadata with
        {
            Title = string.IsNullOrWhiteSpace(spec.Metadata.Title) ? chapter.Title : $"{spec.Metadata.Title.Trim()} – {chapter.Title}",
            Track = index + 1,
        };
        return TaggingPlanner.Plan(metadata, [], end - start, file.Format.Container, metadataPath, inputIndex);
    }

    /// <summary>
    /// Where a chapter's file starts and ends; the first starts at the beginning, so audio before the first
    /// chapter mark is not lost.
    /// </summary>
    private static (TimeSpan Start, TimeSpan End) ChapterSpan(IReadOnlyList<ProductionChapter> chapters, int index, TimeSpan total) =>
        (index == 0 ? TimeSpan.Zero : chapters[index].Start, index + 1 < chapters.Count ? chapters[index + 1].Start : total);

    private static string FilterGraph(
        ProductionRenderSpec spec, List<AudioInput> audioInputs, List<PlannedFile> files, TimeSpan total, int? loopedCoverInput, MultitrackMixGraph? mix)
    {
        var sampleRate = spec.Main.Loudness.SampleRate;
        var layout = spec.Main.Channels == 1 ? "mono" : "stereo";
        var graph = new List<string>();
        var programFiles = files.Where(file => file.Format.Kind != ProductionFormatKind.Tracks).ToList();
        if (mix is not null)
        {
            MultitrackGraph(spec, audioInputs, files, mix, programFiles.Count > 0, graph);
            if (programFiles.Count == 0)
            {
                return string.Join(';', graph);
            }
        }

        foreach (var (label, inputIndex, input) in audioInputs)
        {
            if (input.Tracks.Count > 0)
            {
                continue;
            }

            // STARTPTS: concat places each segment after the one before by its own timestamps, which start where
            // the container says (and where -itsoffset moved the main).
            List<string> stages = ["asetpts=PTS-STARTPTS"];
            if (input.Loudness.AudioFilter is { } loudness)
            {
                stages.Add(loudness);
            }

            stages.Add(Invariant($"aformat=sample_fmts=fltp:sample_rates={sampleRate}:channel_layouts={layout}"));
            if (mix is not null)
            {
                stages.Add(ExactLength(Samples(input.Duration, sampleRate)));
            }

            graph.Add(Invariant($"[{inputIndex}:a:0]{string.Join(',', stages)}[{label}]"));
        }

        var program = "main";
        if (audioInputs.Count > 1)
        {
            program = "program";
            graph.Add(Invariant($"{string.Concat(audioInputs.Select(input => $"[{input.Label}]"))}concat=n={audioInputs.Count}:v=0:a=1[{program}]"));
        }

        var programIndices = files.Select((file, i) => (file, i)).Where(entry => entry.file.Format.Kind != ProductionFormatKind.Tracks).Select(entry => entry.i).ToList();
        graph.Add(Invariant($"[{program}]asplit={programIndices.Count}{string.Concat(programIndices.Select(i => $"[b{i}]"))}"));
        foreach (var i in programIndices)
        {
            var file = files[i];
            var mixdown = (file.Output.MonoMixdown && layout == "stereo" ? MonoMixdown + "," : "")
                + (file.Output.GainDecibels != 0 ? Invariant($"volume={file.Output.GainDecibels.ToString("0.###", CultureInfo.InvariantCulture)}dB,") : "");
            if (file.Chapter is { } chapter)
            {
                var (start, end) = ChapterSpan(spec.Chapters, chapter, total);
                var endSample = chapter + 1 < spec.Chapters.Count ? Invariant($":end_sample={Samples(end, sampleRate)}") : "";
                graph.Add(Invariant($"[b{i}]{mixdown}atrim=start_sample={Samples(start, sampleRate)}{endSample},asetpts=PTS-STARTPTS[a{i}]"));
            }
            else if (file.Format.Kind == ProductionFormatKind.Audiogram)
            {
                var size = Invariant($"{AudiogramSize}x{AudiogramSize}");
                var background = loopedCoverInput is { } cover
                    ? Invariant($"[{cover}:v]scale={AudiogramSize}:{AudiogramSize}:force_original_aspect_ratio=increase,crop={AudiogramSize}:{AudiogramSize},setsar=1[bg{i}]")
                    : Invariant($"color=c={AudiogramBackground}:s={size}:r={AudiogramFrameRate}:d={Seconds(total + TimeSpan.FromSeconds(1))}[bg{i}]");
                graph.Add(Invariant($"[b{i}]{mixdown}asplit=2[a{i}][w{i}]"));
                graph.Add(Invariant($"[w{i}]showwaves=s={AudiogramSize}x{AudiogramWaveHeight}:mode=cline:rate={AudiogramFrameRate}:colors=white[waves{i}]"));
                graph.Add(background);
                graph.Add(Invariant($"[bg{i}][waves{i}]overlay=x=0:y=(H-h)/2:shortest=1,format=yuv420p[v{i}]"));
            }
            else
            {
                graph.Add(Invariant($"[b{i}]{mixdown}anull[a{i}]"));
            }
        }

        return string.Join(';', graph);
    }

    /// <summary>
    /// The mix of a multitrack main, labelled <c>main</c> when any output takes the program, and each tracks output's files:
    /// every processed track placed after the intro and padded to the production's end.
    /// </summary>
    private static void MultitrackGraph(
        ProductionRenderSpec spec, List<AudioInput> audioInputs, List<PlannedFile> files, MultitrackMixGraph mix, bool makesProgram, List<string> graph)
    {
        var sampleRate = spec.Main.Loudness.SampleRate;
        var layout = spec.Main.Channels == 1 ? "mono" : "stereo";
        var trackFiles = files.Select((file, i) => (file, i)).Where(entry => entry.file.Format.Kind == ProductionFormatKind.Tracks).Select(entry => entry.i).ToList();
        var firstCopy = makesProgram ? 1 : 0;
        var firstTrackInput = audioInputs.Single(input => input.Input.Tracks.Count > 0).InputIndex;
        graph.AddRange(mix.TrackChains(firstTrackInput, firstCopy + trackFiles.Count));
        if (makesProgram)
        {
            List<string> master = [mix.Mix()];
            if (spec.Main.Loudness.AudioFilter is { } loudness)
            {
                master.Add(loudness);
            }

            master.Add(Invariant($"aformat=sample_fmts=fltp:sample_rates={sampleRate}:channel_layouts={layout}"));
            master.Add(ExactLength(mix.OutputSamples));
            graph.Add(Invariant($"{string.Join(',', master)}[main]"));
        }

        var intro = spec.Intro is null ? 0 : Samples(spec.Intro.Duration, sampleRate);
        var length = intro + mix.OutputSamples + (spec.Outro is null ? 0 : Samples(spec.Outro.Duration, sampleRate));
        for (var n = 0; n < trackFiles.Count; n++)
        {
            for (var track = 0; track < spec.Main.Tracks.Count; track++)
            {
                var delay = intro > 0 ? Invariant($"adelay=delays={intro}S:all=1,") : "";
                graph.Add(Invariant($"[{MultitrackMixGraph.TrackLabel(track, firstCopy + n)}]{delay}{ExactLength(length)}[t{trackFiles[n]}x{track}]"));
            }
        }
    }

    /// <summary>Pads with silence or cuts to exactly <paramref name="samples"/>.</summary>
    private static string ExactLength(long samples) => Invariant($"apad=whole_len={samples},atrim=end_sample={samples},asetpts=PTS-STARTPTS");

    private static void AddOutput(List<string> arguments, PlannedFile file, string audio, int index, TaggingPlan tagging, int? coverInput, string? coverPath)
    {
        arguments.AddRange(["-map", audio]);
        switch (file.Format.Kind)
        {
            case ProductionFormatKind.Video:
                arguments.AddRange(["-map", "0:v:0", "-c:v", "copy"]);
                break;
            case ProductionFormatKind.Audiogram:
                arguments.AddRange(["-map", Invariant($"[v{index}]"), "-c:v", "libx264", "-preset", "veryfast", "-crf", "26", "-pix_fmt", "yuv420p"]);
                break;
            default:
                if (file.Format.CarriesCoverArt && coverInput is { } cover)
                {
                    // JPEG and PNG go in as they are; any other picture is made a JPEG, which every container here takes.
                    var copies = Path.GetExtension(coverPath) is { } ending
                        && (ending.Equals(".jpg", StringComparison.OrdinalIgnoreCase) || ending.Equals(".jpeg", StringComparison.OrdinalIgnoreCase)
                            || ending.Equals(".png", StringComparison.OrdinalIgnoreCase));
                    arguments.AddRange(["-map", Invariant($"{cover}:v:0"), "-c:v", copies ? "copy" : "mjpeg", "-disposition:v:0", "attached_pic"]);
                }

                break;
        }

        arguments.AddRange(file.Format.AudioArguments(file.Output.BitrateKbps));

        arguments.AddRange(tagging.OutputArguments);
        if (file.Format.Muxer is "ipod" or "mp4" or "mov")
        {
            // The index before the media, so a player can start while the file downloads.
            arguments.AddRange(["-movflags", "+faststart"]);
        }

        arguments.AddRange(["-f", file.Format.Muxer, file.Path]);
    }

    /// <summary>ffmpeg 5.1 writes a chapter's link as a TXXX frame and no picture; players read WXXX and APIC.</summary>
    private static bool AddsChapterLinksAndImages(ProductionRenderSpec spec, PlannedFile file) =>
        file.Format.Container == OutputContainer.Mp3 && file.Chapter is null && spec.Chapters.Count > 0
        && (spec.Chapters.Any(chapter => chapter.Url is not null) || spec.ChapterImagePaths.Any(path => path is not null));

    private static long Samples(TimeSpan time, int sampleRate) => (long)Math.Round(time.TotalSeconds * sampleRate);

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record AudioInput(string Label, int InputIndex, ProductionRenderInput Input);

    private sealed record PlannedFile(ProductionOutputFile Output, ProductionFormat Format, string Path, int? Chapter)
    {
        public IReadOnlyList<TrackArchiveEntry> TrackEntries { get; init; } = [];
    }
}
