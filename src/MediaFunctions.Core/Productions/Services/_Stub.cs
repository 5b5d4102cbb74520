namespace MediaFunctions.Core.Productions.Services;
public sealed class ProductionServiceFiles
{
    public Task<Uri> GetReadLinkAsync(string keyId, string serviceUuid, string fileName, TimeSpan lifetime, CancellationToken cancellationToken) => throw new NotImplementedException();
}
public sealed record ServiceTransferFile(string FileName, string ContentType, long Length, Uri ReadLink);
public sealed record ServiceTransfer(string ProductionUuid, IReadOnlyList<ServiceTransferFile> Files);
public sealed class ProductionServiceTransfer
{
    public Task TransferAsync(string keyId, string serviceUuid, ServiceTransfer transfer, CancellationToken cancellationToken) => throw new NotImplementedException();
}
public sealed record ServiceInfo(bool Incoming, bool Outgoing);
public static class StubExt
{
    public static Task<ServiceInfo?> FindAsync(this ProductionServiceFiles files, string keyId, string uuid, CancellationToken cancellationToken) => throw new NotImplementedException();
}
