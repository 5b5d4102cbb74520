namespace MediaFunctions.Core.Productions.Services;

/// <summary>The names of files on a service: '/'-separated folders and a name, relative to the service's base or prefix.</summary>
public static class ServiceFileName
{
    /// <summary>The longest file name, folders included.</summary>
    public const int MaxLength = 1024;

    /// <summary>
    /// <paramref name="fileName"/> with empty segments dropped, or null when it cannot name a file under the service's
    /// folder: empty, longer than <see cref="MaxLength"/>, starting with '/', holding a '..' or '.' segment, a backslash or a control character.
    /// </summary>
    public static string? Normalize(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > MaxLength || fileName[0] == '/' || fileName.Any(c => char.IsControl(c) || c == '\\'))
        {
            return null;
        }

        var segments = fileName.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 || segments.Any(segment => segment is "." or "..") ? null : string.Join('/', segments);
    }

    /// <summary>The name as a relative URL path, each segment escaped.</summary>
    internal static string Escape(string normalized) => string.Join('/', normalized.Split('/').Select(Uri.EscapeDataString));
}
