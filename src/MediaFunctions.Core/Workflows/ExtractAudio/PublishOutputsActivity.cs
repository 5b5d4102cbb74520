using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Storage;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Workflows.ExtractAudio;

/// <summary>The input of <see cref="PublishOutputsActivity"/>.</summary>
public sealed record PublishOutputsInput(bool Persistent, IReadOnlyList<JobOutput> Outputs);

/// <summary>
/// Gives each output its link: a SAS that expires after the link lifetime, or for persistent
/// jobs the token of a stable link that never expires.
/// </summary>
public sealed class PublishOutputsActivity(SasLinkIssuer links, FileLinkSigner signer, IOptions<JobOptions> options)
    : Activity<PublishOutputsInput, IReadOnlyList<JobOutput>>
{
    public override async Task<IReadOnlyList<JobOutput>> RunAsync(ActivityContext context, PublishOutputsInput input, CancellationToken cancellationToken)
    {
        var expiresAt = DateTimeOffset.UtcNow + options.Value.LinkLifetime;
        var published = new List<JobOutput>();
        foreach (var output in input.Outputs)
        {
            published.Add(input.Persistent
                ? output with { FileToken = await signer.SignAsync(output.BlobName, cancellationToken) }
                : output with
                {
                    Url = (await links.IssueReadLinkAsync(MediaContainers.Outputs, output.BlobName, expiresAt, output.FileName, cancellationToken)).AbsoluteUri,
                    ExpiresAt = expiresAt,
                });
        }

        return published;
    }
}
