namespace MediaFunctions.Api.Jobs;

/// <summary>The 202 answer of a route that starts a job: the check-status payload and the job's id.</summary>
public sealed record JobAcceptedResponse : CheckStatusResponse
{
    public JobAcceptedResponse(CheckStatusResponse links, string jobId)
        : base(links)
    {
        JobId = jobId;
    }

    /// <summary>The job's id, for <c>/api/jobs/{id}</c> (the same as <see cref="CheckStatusResponse.Id"/>).</summary>
    public string JobId { get; }
}
