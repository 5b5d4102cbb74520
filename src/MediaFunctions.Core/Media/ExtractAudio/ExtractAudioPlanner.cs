using System.Globalization;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Audio;

namespace MediaFunctions.Core.Media.ExtractAudio;

/// <summary>
/// Turns a request and the input's probe into one ffmpeg invocation. Pure: it starts no process and reads
/// no file, so every plan can be tested as data.
/// </summary>
/// <remarks>
/// <para>Cutting: <c>-ss</c>/<c>-t</c> go before <c>-i</c>, so ffmpeg seeks the input once for every output.
/// Re-encoded outputs are then cut to the sample: ffmpeg decodes from the keyframe before the start and trims
/// the decoded audio to the exact start and length.</para>
/// <para>Copied outputs can only be cut between packets, so each end lands within one packet of the requested
/// time. A clip is therefore copied only when the codec's packets are no longer than
/// <see cref="ClipTolerance"/> (AAC, MP3, AC-3, AMR at usual rates), and re-encoded otherwise (FLAC's long
/// blocks, PCM's arbitrary packets, low sample rates). <c>-copypriorss 0</c> drops the packets ffmpeg would
/// otherwise keep from the seek keyframe (which may be seconds before the start).</para>
/// <para>Several formats: one ffmpeg process, one decode, one <c>-map/-c/-f</c> group per file. AMR is a
/// branch of that same process writing PCM to stdout for <see cref="AmrNbEncoder"/>; a second ffmpeg run
/// would read and decode the input twice. Progress then goes to stderr (<c>pipe:2</c>), as stdout carries
/// the PCM.</para>
/// </remarks>
public static class ExtractAudioPlanner
{
    /// <summary>How far the cut of a clip may be from the requested start and length.</summary>
    public static readonly TimeSpan ClipTolerance = TimeSpan.FromMilliseconds(50);

    /// <summary>Plans extracting <paramref name="request"/> from <paramref name="input"/> into the given output paths.</summary>
    /// <param name="request">A request whose <see cref="ExtractAudioRequest.Validate"/> found nothing wrong.</param>
    /// <param name="probe">The probe of <paramref name="input"/>.</param>
    /// <param name="input">What ffmpeg opens: the probed file or URL, or a copy of its audio streams.</param>
    /// <param name="outputPaths">Where to write each requested format.</param>
    /// <exception cref="MediaPlanException">The input has no audio, or the start is past its end.</exception>
    /// <exception cref="ArgumentException">The request is invalid, or a requested format has no output path.</exception>
    public static ExtractAudioPlan Plan(ExtractAudioRequest request, MediaProbe probe, ExtractAudioInput input, IReadOnlyDictionary<AudioFormat, string> outputPaths)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrEmpty(input.Location);
        ArgumentNullException.ThrowIfNull(outputPaths);
        if (request.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join(" ", errors.Select(error => error.Message)), nameof(request));
        }

        var audio = probe.PrimaryAudioStream ?? throw MediaPlanException.NoAudioStream();
        var mediaDuration = audio.Duration ?? probe.Duration;
        var start = MediaTime.FromSeconds(request.StartSeconds);
        if (mediaDuration is { } end && start.ToTimeSpan() >= end)
        {
            throw MediaPlanException.StartPastEnd(start.ToTimeSpan(), end);
        }

        MediaTime? length = request.FullAudio ? null : MediaTime.FromSeconds(request.DurationSeconds);
        var remaining = mediaDuration - start.ToTimeSpan();
        var expectedDuration = length is { } clipLength && (remaining is null || clipLength.ToTimeSpan() < remaining)
            ? clipLength.ToTimeSpan()
            : remaining;
        // The end is cut inside the media only when the clip stops before it (or the end is unknown).
        var cutsEnd = length is { } l && (remaining is null || l.ToTimeSpan() < remaining);
        var clipped = start > MediaTime.Zero || cutsEnd;

        var encodesAmr = request.Formats.Contains(AudioFormat.Amr)
            && !CanCopy(AudioFormatCatalog.Get(AudioFormat.Amr), audio, clipped);
        List<string> arguments =
        [
            "-hide_banner", "-nostats", "-loglevel", "warning", "-y",
            "-progress", encodesAmr ? "pipe:2" : "pipe:1",
        ];
        if (start > MediaTime.Zero)
        {
            arguments.AddRange(["-ss", start.ToArgument()]);
        }

        if (cutsEnd)
        {
            arguments.AddRange(["-t", length!.Value.ToArgument()]);
        }

        arguments.AddRange([.. input.Arguments ?? [], "-i", input.Location]);

        var outputs = new List<PlannedAudioOutput>();
        AmrNbEncodeStep? amrStep = null;
        foreach (var format in request.Formats)
        {
            if (!outputPaths.TryGetValue(format, out var path) || string.IsNullOrEmpty(path))
            {
                throw new ArgumentException($"No output path for {format}.", nameof(outputPaths));
            }

            var profile = AudioFormatCatalog.Get(format);
            // A requested bit rate is a promise about the file, which copying the input's audio would not keep.
            var copy = (request.Bitrate is null || !profile.HasBitrate) && CanCopy(profile, audio, clipped);
            arguments.AddRange(["-map", string.Create(CultureInfo.InvariantCulture, $"0:{input.AudioIndex ?? audio.Index}")]);
            if (copy)
            {
                arguments.AddRange(["-c:a", "copy"]);
                if (clipped)
                {
                    arguments.AddRange(["-copypriorss", "0"]);
                }

                arguments.AddRange(["-f", profile.Muxer, path]);
            }
            else if (profile.EncodedByFfmpeg)
            {
                arguments.AddRange(request.Bitrate is { } bitrate && profile.HasBitrate
                    ? ["-c:a", profile.Encoder, "-b:a", bitrate.ToString()]
                    : profile.EncoderArguments);
                if (audio.Channels > profile.MaxChannels)
                {
                    arguments.AddRange(["-ac", profile.MaxChannels.ToString(CultureInfo.InvariantCulture)]);
                }

                if (audio.SampleRate > profile.MaxSampleRate || audio.SampleRate < profile.MinSampleRate)
                {
                    var rate = Math.Clamp(audio.SampleRate!.Value, profile.MinSampleRate ?? 0, profile.MaxSampleRate ?? int.MaxValue);
                    arguments.AddRange(["-ar", rate.ToString(CultureInfo.InvariantCulture)]);
                }

                arguments.AddRange(["-f", profile.Muxer, path]);
            }
            else
            {
                arguments.AddRange(
                [
                    "-c:a", "pcm_s16le",
                    "-ar", AmrNbEncoder.SampleRate.ToString(CultureInfo.InvariantCulture),
                    "-ac", "1",
                    "-f", "s16le", "pipe:1",
                ]);
                amrStep = new AmrNbEncodeStep(path, AmrNbMode.Mr122);
            }

            outputs.Add(new PlannedAudioOutput(format, path, copy));
        }

        return new ExtractAudioPlan
        {
            Arguments = arguments,
            Outputs = outputs,
            ExpectedDuration = expectedDuration,
            AmrNbEncode = amrStep,
        };
    }

    /// <summary>True when the input's audio packets can go into this format's file as they are.</summary>
    internal static bool CanCopy(AudioFormatProfile profile, MediaStream audio, bool clipped)
    {
        if (audio.CodecName is not { } codec || !profile.CopyableCodecs.Contains(codec) || audio.Channels > profile.MaxChannels)
        {
            return false;
        }

        // ADTS frames can only signal the AAC object types up to LTP (HE-AAC rides on LC); low-delay AAC cannot go in.
        if (profile.Format == AudioFormat.Aac && audio.Profile is "LD" or "ELD")
        {
            return false;
        }

        return !clipped || PacketDuration(audio) <= ClipTolerance;
    }

    /// <summary>The longest packet the codec writes at the stream's sample rate, when the codec fixes it.</summary>
    internal static TimeSpan? PacketDuration(MediaStream audio)
    {
        int? samples = audio.CodecName switch
        {
            "aac" => audio.Profile is "HE-AAC" or "HE-AACv2" ? 2048 : 1024,
            "mp3" => 1152,
            "ac3" => 1536,
            "amr_nb" => 160,
            "vorbis" => 2048,
            _ => null,
        };
        return samples is { } count && audio.SampleRate is > 0 and var rate
            ? TimeSpan.FromSeconds(count / (double)rate)
            : null;
    }
}
