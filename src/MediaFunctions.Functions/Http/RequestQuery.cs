using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Functions.Http;

/// <summary>
/// Reads optional query values as minimal APIs bind them for the self-host: absent or empty is
/// null, a malformed value is a 400 (<see cref="BadHttpRequestException"/>, which the envelope maps).
/// </summary>
internal static class RequestQuery
{
    public static string? String(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    public static bool? Boolean(HttpRequest request, string name) =>
        Parse<bool>(request, name, "bool", value => bool.TryParse(value, out var parsed) ? parsed : null);

    public static int? Int32(HttpRequest request, string name) =>
        Parse<int>(request, name, "int", value => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null);

    public static System.DateTimeOffset? DateTimeOffset(HttpRequest request, string name) =>
        Parse<System.DateTimeOffset>(request, name, nameof(System.DateTimeOffset), value => System.DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null);

    /// <summary>A request header's first value, or null.</summary>
    public static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    // typeName as the self-host's binder writes it in the message: Nullable<bool>, Nullable<int>, Nullable<DateTimeOffset>.
    private static T? Parse<T>(HttpRequest request, string name, string typeName, Func<string, T?> parse) where T : struct
    {
        var value = String(request, name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return parse(value) ?? throw new BadHttpRequestException($"Failed to bind parameter \"Nullable<{typeName}> {name}\" from \"{value}\".");
    }
}
