using System.IO.Pipelines;

namespace MediaFunctions.Core.Media.AudioTrack;

/// <summary>One running split of <see cref="AudioTrackSplitter"/>: feed it the media, then ask whether it worked.</summary>
public sealed class AudioTrackSplit(PipeWriter input, Task<bool> run)
{
    private bool _feeding = true;

    /// <summary>Passes the next bytes of the media on; once the split has given up, bytes are dropped.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        if (!_feeding)
        {
            return;
        }

        var flushed = await input.WriteAsync(bytes, cancellationToken);
        _feeding = !flushed.IsCompleted;
    }

    /// <summary>Ends the media (with <paramref name="error"/> when it broke off) and waits: true when the audio file is complete.</summary>
    public async Task<bool> CompleteAsync(Exception? error = null)
    {
        await input.CompleteAsync(error);
        return await run && error is null;
    }
}
