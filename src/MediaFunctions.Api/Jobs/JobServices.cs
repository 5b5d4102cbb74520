using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Api.Jobs;

/// <summary>What the job routes use, bound as one parameter.</summary>
public sealed record JobServices(JobAcceptance Acceptance, JobViews Views, JobDeleter Deleter, JobFiles Files);
