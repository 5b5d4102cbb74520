using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Auphonic;

/// <summary>
/// The paths under <c>/api</c> that belong to the Auphonic dialect. Every answer on them, errors of the
/// framework, of authentication and of rate limits included, is the Auphonic envelope (<see cref="AuphonicResponse"/>);
/// the rest of <c>/api</c> keeps the native one. Decided by path, not by endpoint, so that an unknown
/// <c>/api/production/…</c> route or a wrong method there is answered in the dialect too.
/// </summary>
public static class AuphonicRoutes
{
    /// <summary>Exact paths of the dialect.</summary>
    public static readonly IReadOnlyList<string> Paths = ["/api/presets.json", "/api/productions.json", "/api/services.json"];

    /// <summary>Path prefixes of the dialect (each ends in '/').</summary>
    public static readonly IReadOnlyList<string> Prefixes = ["/api/preset/", "/api/production/", "/api/service/", "/api/simple/", "/api/download/audio-result/", "/api/oauth2/"];

    /// <summary>True when <paramref name="path"/> is the dialect's.</summary>
    public static bool Owns(PathString path) =>
        path.Value is { } value
        && (Paths.Any(owned => value.Equals(owned, StringComparison.OrdinalIgnoreCase))
            || Prefixes.Any(prefix => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));
}
