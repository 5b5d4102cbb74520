using MediaFunctions.Core.Media.Download;

namespace MediaFunctions.Core.Jobs;

/// <summary>The output of a finished job orchestration.</summary>
/// <param name="Corrections">What a batch item's download corrected of its options (a single download keeps them in its input).</param>
public sealed record JobResult(IReadOnlyList<JobOutput> Outputs, IReadOnlyList<DownloadCorrection>? Corrections = null);
