namespace MediaFunctions.Core.Keys;

/// <summary>
/// Keys created or updated at start, bound from the "Auth" section. Both settings read
/// <c>id=SECRET;id2=SECRET2</c>; a key listed in <see cref="AdminKeys"/> is an admin key.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Tenant keys, e.g. <c>alice=SECRET1;bob=SECRET2</c>.</summary>
    public string? BootstrapKeys { get; set; }

    /// <summary>Admin keys, same syntax; they see every tenant's instances.</summary>
    public string? AdminKeys { get; set; }

    /// <summary>The keys both settings describe, or the errors that make them unusable.</summary>
    public ConfiguredApiKeys ParseKeys() => ConfiguredApiKeys.Parse(BootstrapKeys, AdminKeys);
}
