using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Keys;

/// <summary>Fails the boot when <c>Auth:BootstrapKeys</c> or <c>Auth:AdminKeys</c> cannot be read.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = options.ParseKeys().Errors;
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
