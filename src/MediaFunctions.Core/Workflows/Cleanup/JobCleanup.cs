namespace MediaFunctions.Core.Workflows.Cleanup;

/// <summary>Which job's files to delete, and when.</summary>
public sealed record JobCleanup(string KeyId, string JobId, DateTimeOffset DeleteAt)
{
    /// <summary>The cleanup orchestration's id: outside every key's prefix, so tenants never see it.</summary>
    public static string InstanceIdFor(string jobId) => $"cleanup~{jobId}";
}
