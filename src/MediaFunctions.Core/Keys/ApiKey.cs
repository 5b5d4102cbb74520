using System.Text.RegularExpressions;

namespace MediaFunctions.Core.Keys;

/// <summary>
/// An API key as the service knows it once the caller's secret has been checked. The id names the
/// tenant: every instance, job and blob of the key starts with <c>{Id}-</c>, which is why an id
/// never contains '-'.
/// </summary>
/// <param name="Id">1–32 lower-case letters, digits or '_'.</param>
/// <param name="IsAdmin">Admin keys see every tenant's instances.</param>
public sealed partial record ApiKey(string Id, bool IsAdmin)
{
    /// <summary>The longest id a key may have.</summary>
    public const int MaxIdLength = 32;

    /// <summary>True when <paramref name="id"/> is a valid key id.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9_]{1,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
