using MediaFunctions.Core.Keys;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.RateLimits;

/// <summary>Fails the boot when a limit is not between 1 and <see cref="RateLimitOptions.MaxLimit"/> or a per-key entry names no valid key id.</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var errors = new List<string>();
        Check("RateLimits:PerMinute", options.PerMinute, errors);
        Check("RateLimits:PerHour", options.PerHour, errors);
        Check("RateLimits:PerDay", options.PerDay, errors);
        foreach (var (keyId, key) in options.Keys)
        {
            if (!ApiKey.IsValidId(keyId))
            {
                errors.Add($"RateLimits:Keys:{keyId} does not name a key: ids are 1–{ApiKey.MaxIdLength} lower-case letters, digits or '_'.");
            }

            Check($"RateLimits:Keys:{keyId}:PerMinute", key.PerMinute, errors);
            Check($"RateLimits:Keys:{keyId}:PerHour", key.PerHour, errors);
            Check($"RateLimits:Keys:{keyId}:PerDay", key.PerDay, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(string setting, int? value, List<string> errors)
    {
        if (value is < 1 or > RateLimitOptions.MaxLimit)
        {
            errors.Add($"{setting} must be between 1 and {RateLimitOptions.MaxLimit}, not {value}.");
        }
    }
}
