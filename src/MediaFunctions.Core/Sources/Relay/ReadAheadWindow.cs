namespace MediaFunctions.Core.Sources.Relay;

/// <summary>
/// How far the relay's client has been served in one response, so the origin fetch waits for it: a range is asked of
/// the origin only when the client is close to needing it, and a client that stops reading stops the fetching.
/// </summary>
internal sealed class ReadAheadWindow
{
    private long _served;
    private TaskCompletionSource _moved = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Bytes written to the client so far.</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>Counts bytes written to the client and wakes a waiting fetch.</summary>
    public void Advance(long bytes)
    {
        Interlocked.Add(ref _served, bytes);
        Interlocked.Exchange(ref _moved, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Returns once <see cref="Served"/> reaches <paramref name="bytes"/>.</summary>
    public async Task WaitUntilServedAsync(long bytes, CancellationToken cancellationToken)
    {
        while (true)
        {
            var moved = Volatile.Read(ref _moved);
            if (Served >= bytes)
            {
                return;
            }

            await moved.Task.WaitAsync(cancellationToken);
        }
    }
}
