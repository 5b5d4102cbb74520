namespace MediaFunctions.Core.Media.Audio;

/// <summary>AMR-NB bit rates; the values are opencore-amrnb's <c>enum Mode</c>.</summary>
public enum AmrNbMode
{
    Mr475 = 0,
    Mr515 = 1,
    Mr59 = 2,
    Mr67 = 3,
    Mr74 = 4,
    Mr795 = 5,
    Mr102 = 6,
    /// <summary>12.2 kbit/s, the highest quality.</summary>
    Mr122 = 7,
}
