using MediaFunctions.Core.Batches.Sources;
using MediaFunctions.Core.Sources;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Batches;

public sealed class DocumentBodyTests
{
    [Fact]
    public async Task ReadAsync_BodyWithinTheLimit_ReplaysThePrefixThenTheRest()
    {
        var bytes = Enumerable.Range(0, 10_000).Select(index => (byte)(index % 251)).ToArray();
        await using var body = await DocumentBody.OpenAsync(new MemoryStream(bytes), limit: 10_000, Timeout());
        using var copy = new MemoryStream();

        await body.CopyToAsync(copy, Timeout());

        Assert.Equal(bytes[..DocumentBody.PrefixLength], body.Prefix.ToArray());
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task Read_BodyOverTheLimitWithoutDeclaredLength_ThrowsSourceTooLarge()
    {
        await using var body = await DocumentBody.OpenAsync(new MemoryStream(new byte[10_001]), limit: 10_000, Timeout());

        var refused = Assert.Throws<SourceTooLargeException>(() => body.CopyTo(Stream.Null));

        Assert.Equal(10_000, refused.LimitBytes);
    }

    [Fact]
    public async Task OpenAsync_BodyShorterThanThePrefix_PrefixIsTheWholeBody()
    {
        await using var body = await DocumentBody.OpenAsync(new MemoryStream([1, 2, 3]), limit: 10_000, Timeout());

        Assert.Equal([1, 2, 3], body.Prefix.ToArray());
        Assert.Equal(3, body.Read(new byte[10]));
        Assert.Equal(0, body.Read(new byte[10]));
    }

    private static CancellationToken Timeout() => FfmpegTools.Timeout(10);
}
