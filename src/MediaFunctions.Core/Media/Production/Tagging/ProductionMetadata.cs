namespace MediaFunctions.Core.Media.Production.Tagging;

/// <summary>
/// The metadata of a production as Auphonic's API names it, to be written as tags into every output file.
/// Every field is optional; empty ones are left out of the files.
/// </summary>
public sealed record ProductionMetadata
{
    public string? Title { get; init; }

    public string? Artist { get; init; }

    public string? Album { get; init; }

    public int? Track { get; init; }

    public string? Subtitle { get; init; }

    public string? Summary { get; init; }

    public string? Genre { get; init; }

    public int? Year { get; init; }

    public string? Publisher { get; init; }

    public Uri? Url { get; init; }

    public string? License { get; init; }

    public Uri? LicenseUrl { get; init; }

    /// <summary>Keywords, written as one comma-separated tag.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public ProductionLocation? Location { get; init; }
}
