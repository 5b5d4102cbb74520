using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Links;

/// <summary>Resolves the stable link of a persistent job's file to a fresh short-lived read link.</summary>
public sealed class StableFileLinks(FileLinkSigner signer, JobFiles files, SasLinkIssuer links, TimeProvider clock, IOptions<JobOptions> options)
{
    /// <summary>A fresh short-lived link for a stable file link's token; null when the token is forged or the file is gone.</summary>
    public async Task<Uri?> ResolveAsync(string token, CancellationToken cancellationToken = default)
    {
        if (await signer.VerifyAsync(token, cancellationToken) is not { } blobName || !await files.OutputExistsAsync(blobName, cancellationToken))
        {
            return null;
        }

        return await links.IssueReadLinkAsync(MediaContainers.Outputs, blobName, clock.GetUtcNow() + options.Value.RedirectLinkLifetime,
            Path.GetFileName(blobName), cancellationToken);
    }
}
