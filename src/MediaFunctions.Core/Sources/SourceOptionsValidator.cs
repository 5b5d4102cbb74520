using System.Net;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Sources;

/// <summary>Refuses <see cref="SourceOptions"/> whose <see cref="SourceOptions.AllowedNetworks"/> are not CIDR networks.</summary>
public sealed class SourceOptionsValidator : IValidateOptions<SourceOptions>
{
    public ValidateOptionsResult Validate(string? name, SourceOptions options)
    {
        var bad = options.AllowedNetworks.Where(network => !IPNetwork.TryParse(network, out _)).ToList();
        return bad.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Sources:AllowedNetworks must hold CIDR networks (like 10.20.0.0/16); not: {string.Join(", ", bad)}.");
    }
}
