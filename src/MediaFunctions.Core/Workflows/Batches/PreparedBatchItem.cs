using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.ExtractAudio;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>A batch item made into the job it runs as: one of the two is set.</summary>
public sealed record PreparedBatchItem(DownloadJob? Download, ExtractAudioJob? ExtractAudio);
