namespace MediaFunctions.Core.Productions.Services;

/// <summary>What a production sends to one outgoing service.</summary>
/// <param name="ProductionUuid">The production; a connected service's webhook carries it as <c>uuid</c>.</param>
/// <param name="Files">Its result files.</param>
public sealed record ServiceTransfer(string ProductionUuid, IReadOnlyList<ServiceTransferFile> Files);

/// <summary>One result file of a production.</summary>
/// <param name="FileName">Its name at the service, under the service's prefix (may hold '/'-separated folders, never '..').</param>
/// <param name="ContentType">Its media type.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="ReadLink">A link that reads it from this service's own blob storage (a read SAS).</param>
public sealed record ServiceTransferFile(string FileName, string ContentType, long Length, Uri ReadLink);
