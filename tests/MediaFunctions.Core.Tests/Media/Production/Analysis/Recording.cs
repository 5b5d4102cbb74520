using MediaFunctions.Core.Media.Production.Analysis;

namespace MediaFunctions.Core.Tests.Media.Production.Analysis;

/// <summary>A joined recording: where it is, its known pauses (the lead-in and the tail among them) and its length.</summary>
public sealed record Recording(string Path, IReadOnlyList<TimeRange> Pauses, TimeSpan Duration);
