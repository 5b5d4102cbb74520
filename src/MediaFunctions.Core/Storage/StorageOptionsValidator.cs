using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Storage;

/// <summary>Fails the boot when neither a connection string nor both service URIs are configured.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!options.UsesIdentity)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.BlobServiceUri is null && options.TableServiceUri is null)
        {
            failures.Add("Storage is not configured: set Storage:ConnectionString (e.g. \"UseDevelopmentStorage=true\" for Azurite), "
                + "or Storage:BlobServiceUri and Storage:TableServiceUri to use a managed identity.");
            return ValidateOptionsResult.Fail(failures);
        }

        if (options.BlobServiceUri is not { IsAbsoluteUri: true })
        {
            failures.Add("Storage:BlobServiceUri must be an absolute URI such as https://account.blob.core.windows.net when Storage:ConnectionString is not set.");
        }

        if (options.TableServiceUri is not { IsAbsoluteUri: true })
        {
            failures.Add("Storage:TableServiceUri must be an absolute URI such as https://account.table.core.windows.net when Storage:ConnectionString is not set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
