using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using MediaFunctions.Cli.Api;
using MediaFunctions.Cli.Display;

namespace MediaFunctions.Cli.Uploads;

/// <summary>
/// Sends a file too large for one request through an upload session (<c>POST /api/uploads</c>): each block goes
/// straight to storage with Azure's Put Block at the session's <c>upload_url</c>, read from disk one block at a time.
/// When a block keeps failing, the session's <c>staged_blocks</c> say what storage already has, and only the rest is
/// sent again; then <c>/complete</c> makes the upload a source a job can name.
/// </summary>
public sealed class UploadSessionUploader(MediafnClient client, IdempotencyKeys keys)
{
    /// <summary>How many times the block loop starts over from the server's list of staged blocks.</summary>
    public const int MaxResumes = 3;

    /// <summary>Uploads <paramref name="path"/> and returns the ready upload's id (<c>up-…</c>).</summary>
    public async Task<string> UploadAsync(string path, ProgressLine line, CancellationToken cancellationToken = default)
    {
        var size = new FileInfo(path).Length;
        var session = await client.PostAsync("/api/uploads",
            () => JsonContent.Create(new { size, name = Path.GetFileName(path), content_type = MediaContentTypes.For(path) }),
            keys.For("upload"), cancellationToken);
        var id = session.GetProperty("id").GetString()!;
        var uploadUrl = session.GetProperty("upload_url").GetString()!;
        var blockSize = session.GetProperty("block_size").GetInt64();
        var blockCount = session.GetProperty("block_count").GetInt32();

        var staged = new HashSet<int>();
        for (var resume = 0; ; resume++)
        {
            try
            {
                for (var index = 0; index < blockCount; index++)
                {
                    if (staged.Contains(index))
                    {
                        continue;
                    }

                    var done = staged.Count * blockSize;
                    await PutBlockAsync(path, uploadUrl, index, blockSize, size, read => line.Report(done + read, size), cancellationToken);
                    staged.Add(index);
                }

                break;
            }
            catch (MediafnException e) when (e.ExitCode == ExitCodes.Network && resume < MaxResumes)
            {
                var state = await client.GetJsonAsync($"/api/uploads/{Uri.EscapeDataString(id)}", cancellationToken);
                staged = [.. state.GetProperty("staged_blocks").EnumerateArray().Select(block => block.GetInt32())];
            }
        }

        line.Report(size, size);
        await client.PostAsync($"/api/uploads/{Uri.EscapeDataString(id)}/complete", () => null, keys.For("upload-complete"), cancellationToken);
        return id;
    }

    /// <summary>The block id of block <paramref name="index"/>: base64 of its number zero-padded to 6 digits, as the contract gives it.</summary>
    public static string BlockId(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString("D6", CultureInfo.InvariantCulture)));

    private async Task PutBlockAsync(
        string path, string uploadUrl, int index, long blockSize, long size, Action<long> onRead, CancellationToken cancellationToken)
    {
        var offset = index * blockSize;
        var length = Math.Min(blockSize, size - offset);
        var url = $"{uploadUrl}{(uploadUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?')}comp=block&blockid={Uri.EscapeDataString(BlockId(index))}";
        using var response = await client.SendAsync(() =>
        {
            var content = new StreamContent(new FileRangeStream(path, offset, length, onRead));
            content.Headers.ContentLength = length;
            var request = new HttpRequestMessage(HttpMethod.Put, new Uri(url)) { Content = content };
            request.Headers.Add("x-ms-version", "2021-08-06");
            return request;
        }, headersTimeout: null, cancellationToken);
    }
}
