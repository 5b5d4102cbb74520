using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>The input of a download's side-file steps: the job, and its rendered media file with the subtitle tracks it carried.</summary>
public sealed record DownloadSideFiles(DownloadJob Job, IReadOnlyList<JobOutput> Rendered)
{
    /// <summary>The rendered media file.</summary>
    public JobOutput Media() => Rendered.First(output => output.Role == JobOutput.MediaRole);
}
