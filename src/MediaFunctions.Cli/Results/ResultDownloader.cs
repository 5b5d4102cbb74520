using MediaFunctions.Cli.Api;
using MediaFunctions.Cli.Display;

namespace MediaFunctions.Cli.Results;

/// <summary>
/// Saves result files into the output folder, streamed to disk with a bar each. A file counts as saved only when
/// its byte count matches the answer's Content-Length and the size the API reported; a cut transfer is tried
/// again from the start, and after that the command ends with exit 4. Files are written under a <c>.part</c>
/// name and renamed when complete, so a half-written file never looks like a result.
/// </summary>
public sealed class ResultDownloader(MediafnClient client, ProgressBoard board)
{
    /// <summary>How many times one file is fetched before the command gives up.</summary>
    public const int Attempts = 3;

    /// <summary>Saves every file into <paramref name="folder"/> (created if missing); returns their full paths in order.</summary>
    public async Task<IReadOnlyList<string>> DownloadAllAsync(IEnumerable<ResultFile> files, string folder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (var file in files)
        {
            paths.Add(await DownloadAsync(file, UniquePath(folder, file.FileName, paths), cancellationToken));
        }

        return paths;
    }

    /// <summary>Where a file goes: its own name (no folders), numbered when an earlier file of this run took it (two batch items of one title).</summary>
    private static string UniquePath(string folder, string fileName, List<string> taken)
    {
        var name = Path.GetFileName(fileName) is { Length: > 0 } own ? own : "output";
        var path = Path.GetFullPath(Path.Combine(folder, name));
        for (var number = 2; taken.Contains(path, StringComparer.Ordinal); number++)
        {
            path = Path.GetFullPath(Path.Combine(folder,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(name)} ({number}){Path.GetExtension(name)}")));
        }

        return path;
    }

    private async Task<string> DownloadAsync(ResultFile file, string path, CancellationToken cancellationToken)
    {
        var line = board.Add($"download {Path.GetFileName(path)}", file.Size > 0 ? file.Size : 1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SaveAsync(file, path, line, cancellationToken);
                line.Finish();
                return path;
            }
            catch (Exception e) when (attempt < Attempts && (MediafnClient.IsNetworkFailure(e, cancellationToken) || e is MediafnException { ExitCode: ExitCodes.Network }))
            {
                line.Report(0);
            }
            catch (Exception e) when (MediafnClient.IsNetworkFailure(e, cancellationToken))
            {
                throw MediafnException.Network($"Downloading {file.FileName} failed: {MediafnClient.Describe(e)}", e);
            }
        }
    }

    private async Task SaveAsync(ResultFile file, string path, ProgressLine line, CancellationToken cancellationToken)
    {
        using var response = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, client.Resolve(file.Url)), MediafnClient.RequestTimeout,
            cancellationToken);
        var announced = response.Content.Headers.ContentLength;
        var expected = announced ?? (file.Size > 0 ? file.Size : (long?)null);
        var partial = path + ".part";
        long written = 0;
        await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken))
        await using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                written += read;
                line.Report(written, expected);
            }
        }

        if ((announced is { } length && written != length) || (file.Size > 0 && written != file.Size))
        {
            File.Delete(partial);
            throw MediafnException.Network(
                $"{file.FileName}: got {written:N0} bytes, expected {(announced ?? file.Size):N0} (Content-Length {announced?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, size {file.Size:N0}).");
        }

        File.Move(partial, path, overwrite: true);
    }
}
