using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Testing.Media;

/// <summary>Fingerprints of a file's audio packets as stored, without decoding them.</summary>
public static class AudioPackets
{
    /// <summary>The SHA-256 of the audio packets' payloads (ffmpeg's streamhash), after the given bitstream filter arguments.</summary>
    public static async Task<string> HashAsync(string path, string[] filter, CancellationToken cancellationToken)
    {
        var hash = "";
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-loglevel", "error", "-i", path, "-map", "0:a", "-c", "copy", .. filter, "-f", "streamhash", "-hash", "sha256", "pipe:1"],
            new FfmpegRunOptions { StandardOutput = async (stdout, token) => hash = await new StreamReader(stdout).ReadToEndAsync(token) },
            cancellationToken);
        if (!hash.StartsWith("0,a,SHA256=", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path} has no audio packets to hash: '{hash}'.");
        }

        return hash;
    }
}
