using System.Text;

namespace MediaFunctions.Core.Media.Production.Tagging;

/// <summary>
/// How one output file gets its tags and chapters: a metadata file for ffmpeg to read as an extra input, the
/// arguments that add that input (put with the other inputs) and those that take the output's metadata and
/// chapters from it (put before the output's path).
/// </summary>
public sealed record TaggingPlan(
    string MetadataFilePath,
    string MetadataFileText,
    IReadOnlyList<string> InputArguments,
    IReadOnlyList<string> OutputArguments)
{
    /// <summary>Writes <see cref="MetadataFileText"/> to <see cref="MetadataFilePath"/> for ffmpeg to read.</summary>
    public Task WriteMetadataFileAsync(CancellationToken cancellationToken = default) =>
        // NOTE: no byte order mark: ffmpeg recognises the file by its first bytes, ";FFMETADATA".
        File.WriteAllTextAsync(MetadataFilePath, MetadataFileText, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
}
