namespace MediaFunctions.Core.Media.Download;

/// <summary>A request field the job changed so the output can be written, and why (shown with the job).</summary>
/// <param name="Field">The request field, e.g. <c>audio_codec</c>.</param>
/// <param name="From">What was asked (or implied by the default).</param>
/// <param name="To">What the job uses instead.</param>
public sealed record DownloadCorrection(string Field, string From, string To, string Reason);
