using System.Text.Json.Nodes;

namespace MediaFunctions.Core.Productions.Records;

/// <summary>
/// A production of the Auphonic dialect, as stored: its fields (its preset's values with its own over them) and its status.
/// </summary>
/// <param name="Uuid">Its <see cref="AuphonicUuid"/>.</param>
/// <param name="KeyId">The key that owns it; no other key can see it.</param>
/// <param name="PresetUuid">The preset it was created from, or null.</param>
/// <param name="Status">Its <see cref="ProductionStatus"/> number.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
/// <param name="Fields">
/// The production fields (<c>metadata</c>, <c>output_files</c>, <c>algorithms</c>, <c>input_file</c>, <c>chapters</c>, …) as
/// validated by <see cref="ProductionFields.ReadProduction"/>. Never changed in place: a change makes a new object.
/// </param>
/// <param name="State">Its uploads, its run and that run's outcome.</param>
public sealed record Production(string Uuid, string KeyId, string? PresetUuid, int Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, JsonObject Fields,
    ProductionState State)
{
    /// <summary>True while a run is under way: it must be stopped before the production is changed or started again.</summary>
    public bool IsRunning => ProductionStatus.IsRunning(Status);

    /// <summary>The blob "job" id its files are kept under, in every container, for <see cref="Storage.JobFiles"/>.</summary>
    public static string FilesId(string uuid) => $"production-{uuid}";
}
