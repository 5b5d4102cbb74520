using System.Security.Cryptography;

namespace MediaFunctions.Core.Productions;

/// <summary>
/// The ids of the Auphonic dialect's resources (presets, productions, services): <see cref="Length"/>
/// characters of <c>[a-zA-Z0-9]</c>, drawn from a cryptographic random source so that an id cannot be guessed.
/// </summary>
public static class AuphonicUuid
{
    /// <summary>The length of every id.</summary>
    public const int Length = 22;

    /// <summary>The characters an id is made of.</summary>
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new random id (about 131 bits).</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>True when <paramref name="value"/> has the shape of an id.</summary>
    public static bool IsValid(string? value) => value is { Length: Length } && value.All(char.IsAsciiLetterOrDigit);
}
