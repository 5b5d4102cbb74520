using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Workflows.Batches;

namespace MediaFunctions.Core.Tests.Workflows;

public class BatchItemJobTests
{
    [Theory]
    // Alone (by the batch's cap or the key's), ffmpeg keeps every core.
    [InlineData(1, 8, 4, null)]
    [InlineData(8, 1, 4, null)]
    // Otherwise the jobs that run at once split the cores, the smaller cap deciding how many that is.
    [InlineData(2, 8, 4, 2)]
    [InlineData(8, 2, 4, 2)]
    [InlineData(3, 3, 8, 2)]
    // More jobs than cores: one thread each, never none.
    [InlineData(8, 8, 2, 1)]
    public void Jobs_that_run_at_once_share_the_cores(int concurrency, int keyConcurrency, int processors, int? expected)
    {
        var item = new BatchItemJob("alice-b", "alice", new BatchItem(0, "alice-b-00000", "https://media.example/a.mp4"),
            new BatchJobTemplate(JobKind.Download, new DownloadRequest(), null, false, null), concurrency, keyConcurrency, TimeSpan.FromSeconds(2));

        Assert.Equal(expected, item.ThreadsPerJob(processors));
    }
}
