using System.Globalization;
using System.Text;

namespace MediaFunctions.Core.Uploads;

/// <summary>
/// Block ids of an upload: base64 of the block's 0-based index as 6 ASCII digits ("000000"), so every id has the same
/// length (Put Block wants that) and a client computes it without asking.
/// </summary>
public static class UploadBlockIds
{
    /// <summary>The most blocks an upload may have (Azure's limit of committed blocks per blob).</summary>
    public const int MaxBlocks = 50_000;

    /// <summary>The id of block <paramref name="index"/>.</summary>
    public static string For(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString("D6", CultureInfo.InvariantCulture)));

    /// <summary>The index an id names, or null for an id of another form.</summary>
    public static int? IndexOf(string blockId)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(blockId));
            return text.Length == 6 && text.All(char.IsAsciiDigit) ? int.Parse(text, CultureInfo.InvariantCulture) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
