using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Multitrack;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Tests.Media.Production.Rendering;

/// <summary>
/// A multitrack production's planned run as data: which inputs and files. The effects are measured in
/// <see cref="Multitrack.MultitrackRenderTests"/>.
/// </summary>
public sealed class MultitrackRenderPlanTests
{
    private static readonly LoudnessPlan Master = new(new LoudnessSettings(true, -16, -1, Filtering: false), null, 2, null, 48_000);

    private static readonly TrackGain Gated = new("a", TrackRole.Foreground, TimeSpan.FromMilliseconds(10), [0, 0.5f, 1, 1, 0]);

    private static ProductionRenderSpec Spec(params ProductionOutputFile[] outputs) => new(
        ProductionRenderInput.Mixed(
            [
                new("a", "a.wav", [], "highpass=f=80", TimeSpan.FromSeconds(60), 1, Gated),
                new("b", "b.wav", [], null, TimeSpan.FromSeconds(61), 2, Gated with { Id = "b", Factors = [1, 1] }),
            ],
            Master, 2),
        new ProductionRenderInput("intro.wav", [], Master, TimeSpan.FromSeconds(5), false, 2), null, outputs, new ProductionMetadata(), [], null, [], "/out");

    private static List<string> Inputs(ProductionRenderPlan plan) =>
        [.. plan.Arguments.Select((argument, i) => (argument, i)).Where(pair => pair.argument == "-i").Select(pair => plan.Arguments[pair.i + 1])];

    [Fact]
    public void Plan_Multitrack_OpensEachTrackThenEachGainThenTheIntro()
    {
        var plan = ProductionRenderPlanner.Plan(Spec(new ProductionOutputFile("mp3", null, "show.mp3", false, false)));

        // Track b's gain is all ones: no gain file, no gain stage.
        Assert.Equal(["a.wav", "b.wav", "/out/track0.gain.f32", "intro.wav", "/out/show.mp3.ffmetadata"], Inputs(plan));
        Assert.Equal(["/out/track0.gain.f32"], plan.GainFiles.Select(file => file.Path));
        Assert.Equal(TimeSpan.FromSeconds(66), plan.ExpectedDuration);
    }

    [Fact]
    public void Plan_TracksOutput_OneFilePerTrackNamedAfterItsId()
    {
        var plan = ProductionRenderPlanner.Plan(Spec(new ProductionOutputFile("tracks", null, "show.flac.zip", false, false), new ProductionOutputFile("wav", null, "show.wav", false, false)));

        var zip = plan.Files[0];
        Assert.Equal("application/zip", zip.Format.MimeType);
        Assert.Equal(["a.flac", "b.flac"], zip.TrackEntries.Select(entry => entry.EntryName));
        Assert.All(zip.TrackEntries, entry => Assert.Contains(entry.Path, plan.Arguments));
        Assert.Empty(plan.Files[1].TrackEntries);
    }

    [Fact]
    public void Plan_TracksOutputOnASingleTrackProduction_IsRefused()
    {
        var spec = Spec(new ProductionOutputFile("tracks", null, "show.wav.zip", false, false)) with
        {
            Main = new ProductionRenderInput("main.wav", [], Master, TimeSpan.FromSeconds(60), false, 2),
        };

        var error = Assert.Throws<ArgumentException>(() => ProductionRenderPlanner.Plan(spec));
        Assert.Contains("multitrack", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultEnding_Tracks_IsAZipOfWav()
    {
        Assert.Equal("wav.zip", ProductionFormats.DefaultEnding("tracks"));
        Assert.Equal(ProductionFormatKind.Tracks, ProductionFormats.Get("tracks").Kind);
    }
}
