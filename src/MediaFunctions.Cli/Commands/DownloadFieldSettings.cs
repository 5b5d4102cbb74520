using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary>
/// The download fields of the API (README "Downloads"), one option each, shared by <c>download</c> and <c>batch</c>.
/// Values go to the API as typed; the API checks them and its 400 names a bad one.
/// </summary>
public class DownloadFieldSettings : ResultCommandSettings
{
    [CommandOption("-f|--format <FORMAT>")]
    [Description("mp4, mkv, webm, mov; audio m4a, mp3, ogg, opus.")]
    public string? Format { get; set; }

    [CommandOption("--video-codec <CODEC>")]
    [Description("copy, h264, h265, vp9.")]
    public string? VideoCodec { get; set; }

    [CommandOption("--audio-codec <CODEC>")]
    [Description("copy, aac, opus, mp3.")]
    public string? AudioCodec { get; set; }

    [CommandOption("--audio-bitrate <RATE>")]
    [Description("64k … 320k, when audio is encoded.")]
    public string? AudioBitrate { get; set; }

    [CommandOption("--video-quality <CRF>")]
    [Description("CRF 0–51, when video is encoded.")]
    public int? VideoQuality { get; set; }

    [CommandOption("--quality <QUALITY>")]
    [Description("highest, high, medium, low, lowest.")]
    public string? Quality { get; set; }

    [CommandOption("--max-resolution <RES>")]
    [Description("best, 2160, 1440, 1080, 720, 480, 360.")]
    public string? MaxResolution { get; set; }

    [CommandOption("--clip-start <TIME>")]
    [Description("HH:MM:SS, MM:SS or seconds.")]
    public string? ClipStart { get; set; }

    [CommandOption("--clip-end <TIME>")]
    [Description("HH:MM:SS, MM:SS or seconds; after --clip-start.")]
    public string? ClipEnd { get; set; }

    [CommandOption("--folder <PREFIX>")]
    [Description("A prefix for the files in storage.")]
    public string? StorageFolder { get; set; }

    [CommandOption("--audio-only")]
    [Description("The audio track alone.")]
    public bool AudioOnly { get; set; }

    [CommandOption("--subtitles")]
    [Description("Text tracks as WebVTT files too.")]
    public bool Subtitles { get; set; }

    [CommandOption("--thumbnail")]
    [Description("A thumbnail image too.")]
    public bool Thumbnail { get; set; }

    [CommandOption("--live")]
    [Description("Record a live stream.")]
    public bool Live { get; set; }

    [CommandOption("--live-from-start")]
    [Description("Record a live stream from its oldest segment.")]
    public bool LiveFromStart { get; set; }

    [CommandOption("--max-duration <SECONDS>")]
    [Description("Stop a recording (or a download) there.")]
    public double? MaxDuration { get; set; }

    [CommandOption("--wait-for-scheduled")]
    [Description("Wait for a stream that has not started yet.")]
    public bool WaitForScheduled { get; set; }

    [CommandOption("--persistent")]
    [Description("Keep the files behind stable links until the job is deleted.")]
    public bool Persistent { get; set; }

    /// <summary>The fields that were given, as the API's JSON names them.</summary>
    public JsonObject Fields()
    {
        var fields = new JsonObject();
        void Text(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                fields[name] = value;
            }
        }

        void Flag(string name, bool value)
        {
            if (value)
            {
                fields[name] = true;
            }
        }

        Text("format", Format);
        Text("video_codec", VideoCodec);
        Text("audio_codec", AudioCodec);
        Text("audio_bitrate", AudioBitrate);
        Text("quality", Quality);
        Text("max_resolution", MaxResolution);
        Text("clip_start", ClipStart);
        Text("clip_end", ClipEnd);
        Text("folder", StorageFolder);
        if (VideoQuality is { } crf)
        {
            fields["video_quality"] = crf;
        }

        if (MaxDuration is { } seconds)
        {
            fields["max_duration"] = seconds.ToString(CultureInfo.InvariantCulture);
        }

        Flag("audio_only", AudioOnly);
        Flag("subtitles", Subtitles);
        Flag("thumbnail", Thumbnail);
        Flag("live", Live);
        Flag("live_from_start", LiveFromStart);
        Flag("wait_for_scheduled", WaitForScheduled);
        Flag("persistent", Persistent);
        return fields;
    }
}
