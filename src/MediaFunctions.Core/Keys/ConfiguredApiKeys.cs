namespace MediaFunctions.Core.Keys;

/// <summary>One key given in configuration.</summary>
public sealed record ConfiguredApiKey(string Id, string Secret, bool IsAdmin);

/// <summary>The keys that <c>Auth:BootstrapKeys</c> and <c>Auth:AdminKeys</c> describe, and what is wrong with them.</summary>
public sealed class ConfiguredApiKeys
{
    private ConfiguredApiKeys(IReadOnlyList<ConfiguredApiKey> keys, IReadOnlyList<string> errors)
    {
        Keys = keys;
        Errors = errors;
    }

    /// <summary>The keys, admin keys flagged; empty when there are errors.</summary>
    public IReadOnlyList<ConfiguredApiKey> Keys { get; }

    /// <summary>One message per problem, naming the setting and entry.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Parses both settings (<c>id=SECRET</c> entries separated by ';'; blanks ignored).</summary>
    public static ConfiguredApiKeys Parse(string? bootstrapKeys, string? adminKeys)
    {
        var errors = new List<string>();
        var tenants = ParseSetting("Auth:BootstrapKeys", bootstrapKeys, errors);
        var admins = ParseSetting("Auth:AdminKeys", adminKeys, errors);
        var keys = new Dictionary<string, ConfiguredApiKey>(StringComparer.Ordinal);
        foreach (var (id, secret) in tenants)
        {
            keys[id] = new ConfiguredApiKey(id, secret, IsAdmin: false);
        }

        foreach (var (id, secret) in admins)
        {
            if (keys.TryGetValue(id, out var tenant) && tenant.Secret != secret)
            {
                errors.Add($"Key '{id}' is in Auth:BootstrapKeys and Auth:AdminKeys with different secrets; give it one secret.");
            }

            keys[id] = new ConfiguredApiKey(id, secret, IsAdmin: true);
        }

        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys.Values.Where(key => !secrets.Add(key.Secret)))
        {
            errors.Add($"Key '{key.Id}' has the same secret as another key; every key needs its own secret.");
        }

        return errors.Count > 0 ? new([], errors) : new([.. keys.Values], []);
    }

    private static List<(string Id, string Secret)> ParseSetting(string setting, string? value, List<string> errors)
    {
        var entries = new List<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var raw in (value ?? "").Split(';'))
        {
            var entry = raw.Trim();
            if (entry.Length == 0)
            {
                continue;
            }

            position++;
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0 || separator == entry.Length - 1)
            {
                errors.Add($"{setting} entry {position} is not 'id=SECRET' (entries are separated by ';').");
                continue;
            }

            var id = entry[..separator].Trim();
            var secret = entry[(separator + 1)..].Trim();
            if (!ApiKey.IsValidId(id))
            {
                errors.Add($"{setting} entry {position}: key id '{id}' must be 1–{ApiKey.MaxIdLength} lower-case letters, digits or '_' (no '-').");
            }
            else if (secret.Length == 0 || secret.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                errors.Add($"{setting} entry {position}: the secret of key '{id}' must be non-empty and contain no spaces or control characters.");
            }
            else if (!seen.Add(id))
            {
                errors.Add($"{setting} lists key '{id}' more than once.");
            }
            else
            {
                entries.Add((id, secret));
            }
        }

        return entries;
    }
}
