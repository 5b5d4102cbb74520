using MediaFunctions.Core.Links;
using MediaFunctions.Core.Productions.Inputs;
using MediaFunctions.Core.Productions.Presets;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Core.Productions.Runs;

namespace MediaFunctions.Api.Auphonic;

/// <summary>What the Auphonic dialect's production routes use, bound as one parameter.</summary>
public sealed record AuphonicProductionServices(
    ProductionStore Productions,
    ProductionTranscripts Transcripts,
    ProductionPresetStore Presets,
    ProductionRuns Runs,
    ProductionUploads Uploads,
    SasLinkIssuer Links,
    TimeProvider Clock);
