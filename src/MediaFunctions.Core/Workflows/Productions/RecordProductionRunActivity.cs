using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Productions;

/// <summary>A run's status, and when it ended (Done or Error), its outcome.</summary>
/// <param name="Status">The <see cref="ProductionStatus"/> to record.</param>
/// <param name="Files">The files produced, when Done.</param>
/// <param name="ErrorMessage">What went wrong, when Error.</param>
/// <param name="Warnings">What the run could not do as asked.</param>
/// <param name="LengthSeconds">The produced audio's length, when Done.</param>
/// <param name="TranscriptBlob">The transcript's blob, when Done with speech recognition.</param>
public sealed record ProductionRunRecord(
    string KeyId,
    string Uuid,
    string InstanceId,
    int Status,
    IReadOnlyList<ProductionResultFile> Files,
    string? ErrorMessage,
    IReadOnlyList<string> Warnings,
    double? LengthSeconds,
    string? TranscriptBlob = null);

/// <summary>
/// Writes a run's status (and at its end, its outcome) into the production's record, unless the production has moved on:
/// deleted, stopped, or started again since, when this run no longer speaks for it.
/// </summary>
public sealed class RecordProductionRunActivity(ProductionStore productions) : Activity<ProductionRunRecord, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, ProductionRunRecord record, CancellationToken cancellationToken)
    {
        var recorded = false;
        await productions.UpdateAsync(record.KeyId, record.Uuid, production =>
        {
            recorded = production.State.RunInstanceId == record.InstanceId && production.IsRunning;
            if (!recorded)
            {
                return production;
            }

            var ended = record.Status is ProductionStatus.Done or ProductionStatus.Error;
            return production with
            {
                Status = record.Status,
                State = ended
                    ? production.State with
                    {
                        Results = record.Files,
                        ErrorMessage = record.ErrorMessage,
                        Warnings = record.Warnings,
                        Length = record.LengthSeconds,
                        TranscriptBlob = record.TranscriptBlob,
                    }
                    : production.State,
            };
        }, cancellationToken);
        return recorded;
    }
}
