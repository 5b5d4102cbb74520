using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.ExtractAudio;

namespace MediaFunctions.Core.Workflows.ExtractAudio;

/// <summary>The input of <see cref="ExtractAudioOrchestrator"/>: everything decided when the job was accepted.</summary>
/// <param name="Probe">What the input was found to hold when the job was accepted.</param>
/// <param name="FileBaseName">Output files are named this plus the format's extension.</param>
/// <param name="Webhook">Where the job's end is POSTed, if anywhere.</param>
public sealed record ExtractAudioJob(
    string JobId,
    string KeyId,
    JobSource Source,
    ExtractAudioRequest Request,
    MediaProbe Probe,
    bool Persistent,
    string FileBaseName,
    JobWebhook? Webhook = null);
