using System.IO.Compression;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>
/// Writes a <c>tracks</c> output's zip from the track files ffmpeg wrote, each streamed in (never whole in memory): WAV deflated,
/// FLAC stored as it is, since it is compressed already.
/// </summary>
internal static class TrackArchive
{
    public static async Task WriteAsync(string zipPath, IReadOnlyList<TrackArchiveEntry> entries, CancellationToken cancellationToken)
    {
        await using var zipFile = new FileStream(zipPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: true);
        using var zip = new ZipArchive(zipFile, ZipArchiveMode.Create);
        foreach (var entry in entries)
        {
            var level = entry.EntryName.EndsWith(".flac", StringComparison.OrdinalIgnoreCase) ? CompressionLevel.NoCompression : CompressionLevel.Optimal;
            await using var source = new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            await using var target = zip.CreateEntry(entry.EntryName, level).Open();
            await source.CopyToAsync(target, cancellationToken);
        }
    }
}
