namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>What <see cref="ProductionAnalysisPass"/> measures besides the integrated loudness.</summary>
[Flags]
public enum AnalysisMeasures
{
    /// <summary>The loudness and the sample peak only.</summary>
    None = 0,

    /// <summary>The level envelope (what the silence cutter and the noise floor read).</summary>
    Envelope = 1,

    /// <summary>The true peak instead of the sample peak (what the limiter is planned from).</summary>
    TruePeak = 2,
}
