using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Core.Productions.Runs;

namespace MediaFunctions.Core.Productions.Processing;

/// <summary>What a run's cutters remove, the same for one track as for a mix: long pauses from the level envelope, fillers and coughs from the transcript.</summary>
internal static class ProductionCuts
{
    /// <param name="algorithms">Which cutters are on.</param>
    /// <param name="envelope">The audio's level envelope; measured whenever the silence cutter is on.</param>
    /// <param name="transcript">What the recogniser found; null without one (then the fillers and coughs stay).</param>
    public static CutList Decide(ProductionAlgorithms algorithms, LevelEnvelope envelope, Transcript? transcript)
    {
        var cuts = CutList.Empty;
        if (algorithms.SilenceCutter)
        {
            cuts = cuts.Union(SilenceCutter.Plan(SpeechActivity.Detect(envelope)));
        }

        if (algorithms.FillerCutter && transcript is not null)
        {
            cuts = cuts.Union(new CutList([.. transcript.Fillers.Select(filler => new TimeRange(filler.Start, filler.End))]));
        }

        if (algorithms.CoughCutter && transcript is not null)
        {
            cuts = cuts.Union(new CutList([.. transcript.Coughs.Select(cough => new TimeRange(cough.Start, cough.End))]));
        }

        return cuts;
    }
}
