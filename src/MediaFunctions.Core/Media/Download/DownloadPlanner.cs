using System.Globalization;
using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Media.Download;

/// <summary>
/// Turns resolved settings and the probed inputs into one ffmpeg run. Pure, so every plan is testable as data.
/// </summary>
/// <remarks>
/// <para>Inputs: one, or a video-only and an audio-only stream a video site serves apart (merged here).
/// Video is taken from the first input that has it, audio from the last that has it.</para>
/// <para>Copy is kept whenever the container can hold the source's codec and nothing (scaling) needs the
/// pictures; otherwise the stream is encoded with the container's codec and the job says so. A copied clip
/// starts at the keyframe at or before <c>clip_start</c> (copying cannot start between keyframes); an encoded
/// one starts on the requested frame.</para>
/// <para><c>max_resolution</c> bounds the shorter side, so a vertical video is held to the same pixel count
/// as a horizontal one of that name.</para>
/// </remarks>
public static class DownloadPlanner
{
    /// <summary>Subtitle codecs ffmpeg can turn into WebVTT; bitmap subtitles (DVD, PGS) cannot be.</summary>
    private static readonly HashSet<string> TextSubtitleCodecs = ["subrip", "srt", "ass", "ssa", "webvtt", "mov_text", "text"];

    /// <param name="settings">From <see cref="DownloadSettings.Resolve"/>.</param>
    /// <param name="request">The request the settings came from (clip, live and length options).</param>
    /// <param name="inputs">One or two probed inputs.</param>
    /// <param name="outputPath">The file to write.</param>
    /// <param name="subtitleFolder">Where embedded subtitle tracks go as WebVTT; null for none.</param>
    /// <param name="threads">The threads ffmpeg decodes, filters and encodes with; null lets it use every core.</param>
    /// <exception cref="MediaPlanException">Nothing to write (no video and no audio, or audio only with no audio), the clip starts past the end, or a clip of a live stream.</exception>
    public static DownloadPlan Plan(DownloadSettings settings, DownloadRequest request, IReadOnlyList<DownloadInput> inputs, string outputPath,
        string? subtitleFolder = null, int? threads = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfZero(inputs.Count, nameof(inputs));
        ArgumentException.ThrowIfNullOrEmpty(outputPath);

        var container = settings.Container;
        var corrections = new List<DownloadCorrection>(settings.Corrections);
        var videoInput = settings.AudioOnly ? -1 : IndexOf(inputs, input => input.Probe.VideoStreams.Any());
        var audioInput = LastIndexOf(inputs, input => input.Probe.PrimaryAudioStream is not null);
        var video = videoInput >= 0 ? inputs[videoInput].Probe.VideoStreams.First() : null;
        var audio = audioInput >= 0 ? inputs[audioInput].Probe.PrimaryAudioStream : null;
        if (audio is null && (settings.AudioOnly || video is null))
        {
            throw new MediaPlanException("no_audio_stream", settings.AudioOnly ? "The media has no audio stream to download." : "The media has neither video nor audio.");
        }

        var live = inputs.Any(input => input.IsLiveStream);
        var start = request.ClipStartSeconds is > 0 ? MediaTime.FromSeconds(request.ClipStartSeconds.Value) : (MediaTime?)null;
        if (live && (start is not null || request.ClipEndSeconds is not null))
        {
            throw new MediaPlanException("clip_of_live_stream", "clip_start and clip_end cannot be used on a live stream; record it with max_duration instead.");
        }

        var mediaDuration = inputs.Select(input => input.Probe.Duration).Where(duration => duration is not null).Min();
        if (start is { } clipStart && mediaDuration is { } knownLength && clipStart.ToTimeSpan() >= knownLength)
        {
            throw new MediaPlanException("clip_out_of_range", string.Create(CultureInfo.InvariantCulture,
                $"clip_start ({clipStart.TotalSeconds:0.###} s) is at or past the end of the media ({knownLength.TotalSeconds:0.###} s)."));
        }

        var length = Length(request, mediaDuration);
        var expected = length ?? (mediaDuration - (start?.ToTimeSpan() ?? TimeSpan.Zero));

        List<string> arguments = ["-hide_banner", "-nostats", "-loglevel", "warning", "-y", "-progress", "pipe:1"];
        // -threads binds the decoder of the input it precedes and the encoders of the output it precedes.
        var threadCount = threads?.ToString(CultureInfo.InvariantCulture);
        string[] threading = threadCount is null ? [] : ["-threads", threadCount];
        arguments.AddRange(threadCount is null ? [] : ["-filter_threads", threadCount]);
        foreach (var input in inputs)
        {
            if (input.IsLiveStream && request.LiveFromStart)
            {
                arguments.AddRange(["-live_start_index", "0"]);
            }

            if (start is { } seek)
            {
                arguments.AddRange(["-ss", seek.ToArgument()]);
            }

            arguments.AddRange(input.Arguments ?? []);
            arguments.AddRange(threading);
            arguments.AddRange(["-i", input.Location]);
        }

        var encodes = false;
        if (video is not null)
        {
            arguments.AddRange(["-map", $"{videoInput}:{video.Index}"]);
            encodes |= AddVideo(arguments, settings, container, video, corrections);
        }

        if (audio is not null)
        {
            arguments.AddRange(["-map", $"{audioInput}:{audio.Index}"]);
            encodes |= AddAudio(arguments, settings, container, audio, corrections);
        }

        if (length is { } outputLength)
        {
            arguments.AddRange(["-t", MediaTime.FromTimeSpan(outputLength).ToArgument()]);
        }

        arguments.AddRange(threading);
        if (container.IsMp4Family)
        {
            // The index up front: players start before the whole file is fetched.
            arguments.AddRange(["-movflags", "+faststart"]);
        }

        arguments.AddRange(["-f", container.Muxer, outputPath]);

        var subtitles = new List<PlannedSubtitle>();
        if (subtitleFolder is not null && !settings.AudioOnly)
        {
            var textTracks = inputs[0].Probe.Streams.Where(stream => stream.Kind == MediaStreamKind.Subtitle && TextSubtitleCodecs.Contains(stream.CodecName ?? ""));
            foreach (var track in textTracks)
            {
                var language = UniqueLanguage(track, subtitles);
                var path = Path.Combine(subtitleFolder, $"{language}.vtt");
                arguments.AddRange(["-map", $"0:{track.Index}", "-c:s", "webvtt"]);
                if (length is { } subtitleLength)
                {
                    arguments.AddRange(["-t", MediaTime.FromTimeSpan(subtitleLength).ToArgument()]);
                }

                arguments.AddRange(["-f", "webvtt", path]);
                subtitles.Add(new PlannedSubtitle(language, path));
            }
        }

        return new DownloadPlan(arguments, expected, encodes, corrections, subtitles);
    }

    /// <summary>The ffmpeg arguments that turn a page's SRT or ASS subtitle file into the WebVTT every download's subtitles are.</summary>
    public static IReadOnlyList<string> SubtitleConversionArguments(string subtitlePath, string vttPath) =>
        ["-hide_banner", "-nostats", "-loglevel", "warning", "-y", "-i", subtitlePath, "-c:s", "webvtt", "-f", "webvtt", vttPath];

    /// <summary>
    /// ffmpeg's arguments for a JPEG of the video's frame a tenth of the way in (at most 10 s in, so a long video is
    /// read no further than its start), at most 1280 pixels wide.
    /// </summary>
    public static IReadOnlyList<string> ThumbnailArguments(string videoPath, TimeSpan videoDuration, string thumbnailPath)
    {
        var at = TimeSpan.FromTicks(Math.Min((videoDuration / 10).Ticks, TimeSpan.FromSeconds(10).Ticks));
        return
        [
            "-hide_banner", "-nostats", "-loglevel", "warning", "-y",
            "-ss", MediaTime.FromTimeSpan(at).ToArgument(), "-i", videoPath,
            "-map", "0:v:0", "-frames:v", "1", "-vf", "scale='min(1280,iw)':-2", "-q:v", "3", "-f", "image2", thumbnailPath,
        ];
    }

    // How long the output is cut to: the clip's length, capped by max_duration; null runs to the end of the media.
    private static TimeSpan? Length(DownloadRequest request, TimeSpan? mediaDuration)
    {
        TimeSpan? clip = request.ClipEndSeconds is { } end ? TimeSpan.FromSeconds(end - (request.ClipStartSeconds ?? 0)) : null;
        TimeSpan? cap = request.MaxDurationSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        var length = clip is null ? cap : cap is null ? clip : TimeSpan.FromTicks(Math.Min(clip.Value.Ticks, cap.Value.Ticks));
        var remaining = mediaDuration - TimeSpan.FromSeconds(request.ClipStartSeconds ?? 0);
        // A cut at or beyond the end of the media is no cut.
        return length is { } l && remaining is { } r && l >= r ? null : length;
    }

    private static bool AddVideo(List<string> arguments, DownloadSettings settings, DownloadContainer container, MediaStream video, List<DownloadCorrection> corrections)
    {
        var codec = settings.VideoCodec;
        var scale = Scale(video, settings.MaxResolution);
        if (codec == DownloadCodecs.Copy)
        {
            if (scale is not null)
            {
                codec = container.FallbackVideoCodec!;
                corrections.Add(new("video_codec", DownloadCodecs.Copy, codec,
                    $"max_resolution {settings.MaxResolution} needs the {video.Width}x{video.Height} video scaled down, so it is encoded."));
            }
            else if (!container.VideoCodecs.Contains(video.CodecName ?? ""))
            {
                codec = container.FallbackVideoCodec!;
                corrections.Add(new("video_codec", DownloadCodecs.Copy, codec, $"{container.Name} cannot hold the source's {video.CodecName} video, so it is encoded."));
            }
        }

        if (codec == DownloadCodecs.Copy)
        {
            arguments.AddRange(["-c:v", "copy"]);
            return false;
        }

        arguments.AddRange(["-c:v", DownloadCodecs.Encoder(codec)]);
        var crf = settings.Crf.ToString(CultureInfo.InvariantCulture);
        switch (codec)
        {
            case DownloadCodecs.Vp9:
                // libvpx's CRF runs 0–63; the request's 0–51 is spread over it. realtime/cpu-used 8: speed, on shared cores.
                arguments.AddRange(["-crf", (settings.Crf * 63 / DownloadRequest.MaxCrf).ToString(CultureInfo.InvariantCulture), "-b:v", "0",
                    "-deadline", "realtime", "-cpu-used", "8", "-row-mt", "1"]);
                break;
            case DownloadCodecs.H265:
                arguments.AddRange(["-crf", crf, "-preset", "veryfast", "-x265-params", "log-level=error"]);
                if (container.IsMp4Family)
                {
                    // hvc1: the tag Apple's players need to play HEVC in MP4.
                    arguments.AddRange(["-tag:v", "hvc1"]);
                }

                break;
            default:
                arguments.AddRange(["-crf", crf, "-preset", "veryfast"]);
                break;
        }

        // 8-bit 4:2:0: what every player decodes.
        arguments.AddRange(["-pix_fmt", "yuv420p"]);
        if (scale is not null)
        {
            arguments.AddRange(["-vf", scale]);
        }

        return true;
    }

    private static bool AddAudio(List<string> arguments, DownloadSettings settings, DownloadContainer container, MediaStream audio, List<DownloadCorrection> corrections)
    {
        var codec = settings.AudioCodec;
        if (codec == DownloadCodecs.Copy && !container.AudioCodecs.Contains(audio.CodecName ?? ""))
        {
            codec = container.FallbackAudioCodec;
            corrections.Add(new("audio_codec", DownloadCodecs.Copy, codec, $"{container.Name} cannot hold the source's {audio.CodecName} audio, so it is encoded."));
        }

        if (codec == DownloadCodecs.Copy)
        {
            arguments.AddRange(["-c:a", "copy"]);
            return false;
        }

        arguments.AddRange(["-c:a", DownloadCodecs.Encoder(codec), "-b:a", settings.AudioBitrate.ToArgument()]);
        return true;
    }

    // The scale filter that brings the shorter side down to the cap, or null when the video is within it.
    private static string? Scale(MediaStream video, int? maxResolution)
    {
        if (maxResolution is not { } cap || video.Width is not { } width || video.Height is not { } height || Math.Min(width, height) <= cap)
        {
            return null;
        }

        // -2: the other side keeps the aspect ratio, rounded to an even number as 4:2:0 needs.
        return width >= height ? $"scale=-2:{cap}" : $"scale={cap}:-2";
    }

    private static string UniqueLanguage(MediaStream track, IReadOnlyList<PlannedSubtitle> planned)
    {
        var language = track.Tags.TryGetValue("language", out var tag) && tag.All(char.IsAsciiLetterOrDigit) && tag.Length is > 0 and <= 16 ? tag : "und";
        var name = language;
        for (var n = 2; planned.Any(subtitle => subtitle.Language == name); n++)
        {
            name = $"{language}-{n}";
        }

        return name;
    }

    private static int IndexOf(IReadOnlyList<DownloadInput> inputs, Func<DownloadInput, bool> predicate)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            if (predicate(inputs[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int LastIndexOf(IReadOnlyList<DownloadInput> inputs, Func<DownloadInput, bool> predicate)
    {
        for (var i = inputs.Count - 1; i >= 0; i--)
        {
            if (predicate(inputs[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
