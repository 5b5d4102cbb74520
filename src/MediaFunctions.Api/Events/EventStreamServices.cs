using MediaFunctions.Api.Auphonic;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Api.Events;

/// <summary>What the event-stream routes use, bound as one parameter: the writer and the reads the resources' GETs do.</summary>
public sealed record EventStreamServices(ServerSentEventStream Stream, JobViews Jobs, MediaBatches Batches, AuphonicProductionServices Productions);
