namespace MediaFunctions.Core.Productions.Inputs;

/// <summary>An input of a production's run, in the productions container and probed.</summary>
/// <param name="Field">What it is for: <c>input_file</c>, <c>intro</c>, <c>outro</c>, or a track's id.</param>
/// <param name="Blob">Its blob in the productions container.</param>
/// <param name="DurationSeconds">Its length.</param>
/// <param name="HasVideo">True when it has a moving-picture stream.</param>
/// <param name="SampleRate">Its main audio stream's sample rate.</param>
/// <param name="Channels">Its main audio stream's channel count.</param>
/// <param name="FormatNames">Its demuxer's names (e.g. <c>mov,mp4,m4a</c>), which choose a video output's container.</param>
public sealed record StagedProductionInput(string Field, string Blob, double DurationSeconds, bool HasVideo, int SampleRate, int Channels, IReadOnlyList<string> FormatNames);

/// <summary>
/// The inputs of a production's run, staged: the main one (a multitrack production's first track), the intro and outro, the
/// cover image's blob, and a multitrack production's tracks (empty for a single-track one).
/// </summary>
public sealed record ProductionInputs(
    StagedProductionInput Main, StagedProductionInput? Intro, StagedProductionInput? Outro, string? ImageBlob, IReadOnlyList<StagedProductionInput> Tracks);
