namespace MediaFunctions.Core.Media.Production.Multitrack;

/// <summary>
/// Decides each track's gain over time from the tracks' envelopes: the gate (a speaker's track open only while they speak),
/// the crossgate (each moment given to the speaker whose own microphone is loudest) and the ducking of background tracks
/// under speech. Pure: it reads no file and starts no process.
/// </summary>
/// <remarks>
/// <para>A speaker is active while their track's level is within <see cref="OpenBelowLoud"/> of its loud level (its 95th
/// percentile), staying so until it falls <see cref="Hysteresis"/> further, and for <see cref="Hold"/> after, so the
/// quiet ends of words and the gaps between them are kept. Bleed from another speaker sits 15–20 dB under the
/// speech in a dry room, under that threshold.</para>
/// <para>In a live room the bleed is only a few dB under, within the speech's own ups and downs, so no level threshold
/// can tell it apart; the crossgate compares the microphones instead: a moment belongs to every active speaker whose
/// track is within <see cref="CrossgateMargin"/> of the loudest (two speaking at once are both kept), and a speaker's
/// hold ends as soon as another takes the moment.</para>
/// <para>Gains open a ramp early (<see cref="Attack"/>) so no onset is cut, and close over <see cref="Release"/>.</para>
/// </remarks>
public static class MultitrackGainPlanner
{
    /// <summary>Where a speaker's gate opens: this far under the track's loud level.</summary>
    public const double OpenBelowLoud = 10;

    /// <summary>How far under the opening level the gate closes: a voice trailing off is not chopped.</summary>
    public const double Hysteresis = 4;

    /// <summary>The gate never opens within this of the track's noise floor.</summary>
    public const double OverNoiseFloor = 6;

    /// <summary>How far under the loudest microphone a speaker's may be and still hold the moment.</summary>
    public const double CrossgateMargin = 3;

    /// <summary>A steady track is one whose frames are this close to its loud level…</summary>
    public const double SteadyWithin = 12;

    /// <summary>…this much of the time: music and ambience; speech, with its pauses and syllables, is far under.</summary>
    public const double SteadyShare = 0.8;

    /// <summary>How long a gate stays open after the level falls: the gaps between words.</summary>
    public static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a background stays down after the last speech: a sentence's pause does not pump the music.</summary>
    public static readonly TimeSpan DuckingHold = TimeSpan.FromMilliseconds(600);

    /// <summary>A gate's opening ramp, finished as the speech starts.</summary>
    public static readonly TimeSpan Attack = TimeSpan.FromMilliseconds(20);

    /// <summary>A gate's closing ramp, after the hold.</summary>
    public static readonly TimeSpan Release = TimeSpan.FromMilliseconds(60);

    /// <summary>How long the background takes to go down, and (<see cref="DuckingRise"/>) to come back.</summary>
    public static readonly TimeSpan DuckingFall = TimeSpan.FromMilliseconds(200);

    /// <inheritdoc cref="DuckingFall"/>
    public static readonly TimeSpan DuckingRise = TimeSpan.FromMilliseconds(500);

    /// <summary>Each track's gain, in <paramref name="tracks"/>' order.</summary>
    /// <exception cref="ArgumentException">No tracks, tracks whose envelopes' frames differ, or two tracks with one id.</exception>
    public static IReadOnlyList<TrackGain> Plan(IReadOnlyList<MultitrackTrack> tracks, MultitrackSettings settings)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(settings);
        if (tracks.Count == 0)
        {
            throw new ArgumentException("A multitrack production needs at least one track.", nameof(tracks));
        }

        var frame = tracks[0].Envelope.FrameDuration;
        if (tracks.Any(track => track.Envelope.FrameDuration != frame))
        {
            throw new ArgumentException("Every track's envelope must have the same frame.", nameof(tracks));
        }

        if (tracks.GroupBy(track => track.Id, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1) is { } repeated)
        {
            throw new ArgumentException($"Two tracks have the id '{repeated.Key}'.", nameof(tracks));
        }

        var levels = tracks.Select(track => new TrackLevels(track.Envelope)).ToList();
        var roles = tracks.Select((track, i) => track.Role != TrackRole.Auto ? track.Role
            : levels[i].ShareNearLoud(SteadyWithin) >= SteadyShare ? TrackRole.Background : TrackRole.Foreground).ToList();
        var length = levels.Max(level => level.Decibels.Length);
        var speaking = levels.Select((level, i) => roles[i] == TrackRole.Foreground ? Active(level, length, Frames(Hold, frame)) : null).ToList();

        var open = speaking;
        if (settings.Crossgate)
        {
            open = Crossgate(levels, speaking, length, Frames(Hold, frame));
        }

        var anyoneSpeaking = new bool[length];
        foreach (var active in speaking.OfType<bool[]>())
        {
            for (var k = 0; k < length; k++)
            {
                anyoneSpeaking[k] |= active[k];
            }
        }

        anyoneSpeaking = Extend(anyoneSpeaking, Frames(DuckingHold, frame));
        var ducked = (float)Math.Pow(10, MultitrackSettings.DuckingDecibels / 20);
        var gains = new List<TrackGain>(tracks.Count);
        for (var i = 0; i < tracks.Count; i++)
        {
            var factors = roles[i] switch
            {
                TrackRole.Foreground when settings.Gate || settings.Crossgate =>
                    Ramp(Anticipate(open[i]!, Frames(Attack, frame)), 0, Frames(Attack, frame), Frames(Release, frame)),
                TrackRole.Background or TrackRole.Ducking =>
                    Ramp(Anticipate(anyoneSpeaking, Frames(DuckingFall, frame)).Select(on => !on).ToArray(), ducked, Frames(DuckingRise, frame), Frames(DuckingFall, frame)),
                _ => Enumerable.Repeat(1f, length).ToArray(),
            };
            gains.Add(new TrackGain(tracks[i].Id, roles[i], frame, factors));
        }

        return gains;
    }

    /// <summary>A speaker's activity: the level gate with hysteresis and hold.</summary>
    private static bool[] Active(TrackLevels level, int length, int hold)
    {
        var opening = Math.Max(level.Loud - OpenBelowLoud, level.NoiseFloor + OverNoiseFloor);
        var closing = opening - Hysteresis;
        var active = new bool[length];
        var isOpen = false;
        for (var k = 0; k < level.Decibels.Length; k++)
        {
            isOpen = isOpen ? level.Decibels[k] >= closing : level.Decibels[k] >= opening;
            active[k] = isOpen;
        }

        return Extend(active, hold);
    }

    /// <summary>Each speaker keeps only the moments their microphone is (nearly) the loudest of those active; their hold ends when another takes over.</summary>
    private static List<bool[]?> Crossgate(List<TrackLevels> levels, List<bool[]?> speaking, int length, int hold)
    {
        var owns = speaking.Select(active => active is null ? null : new bool[length]).ToList();
        for (var k = 0; k < length; k++)
        {
            var loudest = double.NegativeInfinity;
            for (var i = 0; i < levels.Count; i++)
            {
                if (speaking[i] is { } active && active[k] && k < levels[i].Decibels.Length)
                {
                    loudest = Math.Max(loudest, levels[i].Decibels[k]);
                }
            }

            for (var i = 0; i < levels.Count; i++)
            {
                if (owns[i] is { } own && speaking[i]![k] && k < levels[i].Decibels.Length)
                {
                    own[k] = levels[i].Decibels[k] >= loudest - CrossgateMargin;
                }
            }
        }

        var open = new List<bool[]?>(levels.Count);
        for (var i = 0; i < levels.Count; i++)
        {
            if (owns[i] is not { } own)
            {
                open.Add(null);
                continue;
            }

            var result = new bool[length];
            var held = 0;
            for (var k = 0; k < length; k++)
            {
                var someoneElse = owns.Where((other, j) => j != i && other is not null && other[k]).Any();
                held = own[k] ? hold : someoneElse || !speaking[i]![k] ? 0 : Math.Max(0, held - 1);
                result[k] = own[k] || held > 0;
            }

            open.Add(result);
        }

        return open;
    }

    /// <summary>Keeps each active span open <paramref name="frames"/> past its end.</summary>
    private static bool[] Extend(bool[] active, int frames)
    {
        var result = new bool[active.Length];
        var left = 0;
        for (var k = 0; k < active.Length; k++)
        {
            left = active[k] ? frames + 1 : Math.Max(0, left - 1);
            result[k] = left > 0;
        }

        return result;
    }

    /// <summary>Starts each active span <paramref name="frames"/> early, so a ramp up is complete when it starts.</summary>
    private static bool[] Anticipate(bool[] active, int frames)
    {
        var result = new bool[active.Length];
        var ahead = 0;
        for (var k = active.Length - 1; k >= 0; k--)
        {
            ahead = active[k] ? frames + 1 : Math.Max(0, ahead - 1);
            result[k] = ahead > 0;
        }

        return result;
    }

    /// <summary>Gains that move to 1 where <paramref name="up"/> and to <paramref name="low"/> elsewhere, in straight ramps of the given lengths.</summary>
    private static float[] Ramp(bool[] up, float low, int rise, int fall)
    {
        var factors = new float[up.Length];
        var riseStep = (1 - low) / Math.Max(1, rise);
        var fallStep = (1 - low) / Math.Max(1, fall);
        var gain = up.Length > 0 && up[0] ? 1f : low;
        for (var k = 0; k < up.Length; k++)
        {
            gain = up[k] ? Math.Min(1, gain + riseStep) : Math.Max(low, gain - fallStep);
            factors[k] = gain;
        }

        return factors;
    }

    private static int Frames(TimeSpan time, TimeSpan frame) => Math.Max(1, (int)Math.Round(time / frame));
}
