namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// The pronunciations of a few words from pocketsphinx's dictionary (cmudict, 135 000 lines), read as a stream and kept
/// only for the words asked: a keyword must be in it to be spotted, and a filler is told by its sounds.
/// </summary>
internal sealed class PocketsphinxDictionary
{
    private readonly Dictionary<string, string[]> _pronunciations;

    private PocketsphinxDictionary(Dictionary<string, string[]> pronunciations) => _pronunciations = pronunciations;

    /// <summary>Reads the entries (alternates such as <c>word(2)</c> included) of <paramref name="words"/>.</summary>
    public static async Task<PocketsphinxDictionary> LoadAsync(string path, IEnumerable<string> words, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(words, StringComparer.Ordinal);
        var pronunciations = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 1 && wanted.Contains(BaseWord(parts[0])))
            {
                pronunciations[parts[0]] = parts[1..];
            }
        }

        return new PocketsphinxDictionary(pronunciations);
    }

    public bool Contains(string word) => _pronunciations.ContainsKey(word);

    /// <summary>The phones of a decoded token, alternate marker included (<c>changes(2)</c>); empty when unknown.</summary>
    public IReadOnlyList<string> Phones(string token) => _pronunciations.TryGetValue(token, out var phones) ? phones : [];

    /// <summary>A decoded token without its alternate-pronunciation marker: <c>changes(2)</c> → <c>changes</c>.</summary>
    public static string BaseWord(string token)
    {
        var open = token.IndexOf('(', StringComparison.Ordinal);
        return open > 0 && token.EndsWith(')') ? token[..open] : token;
    }
}
