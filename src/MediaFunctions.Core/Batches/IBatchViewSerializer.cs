namespace MediaFunctions.Core.Batches;

/// <summary>
/// Writes a batch as the native API's <c>GET /api/batches/{id}</c> shows it. The API implements it (the
/// shape is the API's), so a batch's webhook carries that very JSON.
/// </summary>
public interface IBatchViewSerializer
{
    /// <summary>The batch's JSON; stable file links are built on <paramref name="apiBaseUrl"/>.</summary>
    string Serialize(BatchView batch, Uri apiBaseUrl);
}
