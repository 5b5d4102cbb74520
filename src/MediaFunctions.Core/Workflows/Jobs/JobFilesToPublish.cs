using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Workflows.Jobs;

/// <summary>The input of <see cref="PublishJobFilesActivity"/>: a job's stored files, and how they are kept.</summary>
/// <param name="Storage">The caller's own storage, when the files are there: they came back with their links.</param>
public sealed record JobFilesToPublish(string KeyId, string JobId, IReadOnlyList<JobOutput> Files, bool Persistent, ProtectedInlineStorage? Storage = null);
