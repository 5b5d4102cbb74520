namespace MediaFunctions.Core.Jobs;

/// <summary>
/// Writes a job as the native API's <c>GET /api/jobs/{id}</c> shows it. The API implements it (the
/// shape is the API's), so a job's webhook carries that very JSON.
/// </summary>
public interface IJobViewSerializer
{
    /// <summary>The job's JSON; stable file links are built on <paramref name="apiBaseUrl"/>.</summary>
    string Serialize(JobView job, Uri apiBaseUrl);
}
