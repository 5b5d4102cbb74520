using System.Text.Json;

namespace MediaFunctions.Cli.Jobs;

/// <summary>Reads a native job's state as <c>GET /api/jobs/{id}</c> shows it.</summary>
public static class JobStates
{
    /// <summary>The job's <c>state</c>.</summary>
    public static string State(JsonElement job) => job.TryGetProperty("state", out var state) ? state.GetString() ?? "" : "";

    /// <summary>True once the job has ended: completed, failed or cancelled.</summary>
    public static bool HasEnded(JsonElement job) => State(job) is "completed" or "failed" or "cancelled";

    /// <summary>True when the job completed and its files are there.</summary>
    public static bool IsCompleted(JsonElement job) => State(job) == "completed";

    /// <summary>The job's <c>error.message</c>, else its state.</summary>
    public static string Failure(JsonElement job) =>
        job.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message)
            ? message.GetString() ?? State(job)
            : $"the job is {State(job)}";

    /// <summary>The job's <c>stage</c> and <c>progress</c> (0–100).</summary>
    public static (string Stage, int Progress) Progress(JsonElement job) =>
        (job.TryGetProperty("stage", out var stage) ? stage.GetString() ?? "" : "",
         job.TryGetProperty("progress", out var progress) && progress.ValueKind == JsonValueKind.Number ? progress.GetInt32() : 0);
}
