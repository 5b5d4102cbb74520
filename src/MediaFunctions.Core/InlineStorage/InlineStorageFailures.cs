using System.Net.Sockets;
using Amazon.Runtime;
using Azure;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.InlineStorage;

/// <summary>Turns what a storage service or the network answered into an error a user can act on, without any secret.</summary>
internal static class InlineStorageFailures
{
    /// <summary>The code of every refusal that is about the storage settings themselves.</summary>
    public const string Code = "invalid_storage";

    /// <summary>
    /// The refusal <paramref name="failure"/> stands for: a service's "no" (bad key, missing bucket, no
    /// permission), an address the rules refuse, or, when <paramref name="includeNetwork"/>, an endpoint that
    /// could not be reached. Null when it is none of these.
    /// </summary>
    public static InvalidJobInputException? Describe(Exception failure, InlineStorageRequest request, bool includeNetwork)
    {
        for (var cause = failure; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case InvalidJobInputException refusal:
                    return new(refusal.Code, Scrub($"storage.endpoint: {refusal.Message}", request));
                case AmazonServiceException { ErrorCode: { Length: > 0 } code } service:
                    return Invalid(DescribeS3(code, service.Message, request), request, failure);
                case RequestFailedException { ErrorCode: { Length: > 0 } code } azure:
                    return Invalid(DescribeAzure(code, azure.Status, request), request, failure);
                case RequestFailedException { Status: 403 }:
                    return Invalid("the credentials were refused (403)", request, failure);
                case RequestFailedException { Status: 404 }:
                    return Invalid($"container '{request.BucketOrContainer}' or its account does not exist (404)", request, failure);
                case HttpRequestException or SocketException when includeNetwork:
                    return Invalid($"the endpoint '{request.ResolvedEndpoint.Authority}' could not be reached ({cause.Message})", request, failure);
            }
        }

        return null;
    }

    /// <summary>A refusal for an endpoint that did not answer in time.</summary>
    public static InvalidJobInputException TimedOut(InlineStorageRequest request, TimeSpan timeout) =>
        new(Code, $"storage: the endpoint '{request.ResolvedEndpoint.Authority}' did not answer within {timeout.TotalSeconds:0} seconds.");

    private static InvalidJobInputException Invalid(string problem, InlineStorageRequest request, Exception failure) =>
        new(Code, Scrub($"storage: {problem}.", request), failure);

    private static string DescribeS3(string code, string? message, InlineStorageRequest request) => code switch
    {
        "InvalidAccessKeyId" => $"the access key was refused ({code})",
        "SignatureDoesNotMatch" => $"the secret key does not match the access key: the signature was refused ({code})",
        "NoSuchBucket" => $"bucket '{request.BucketOrContainer}' does not exist ({code})",
        "AccessDenied" or "AllAccessDisabled" => $"the credentials may not write to bucket '{request.BucketOrContainer}' ({code})",
        "AuthorizationHeaderMalformed" or "PermanentRedirect" or "IllegalLocationConstraintException" =>
            $"bucket '{request.BucketOrContainer}' is not in region '{request.ResolvedRegion}' ({code})",
        _ => $"the storage service refused the write ({code}: {message})",
    };

    private static string DescribeAzure(string code, int status, InlineStorageRequest request) => code switch
    {
        "AuthenticationFailed" => string.IsNullOrWhiteSpace(request.SasToken)
            ? $"the account key was refused ({code})"
            : $"the SAS token was refused ({code})",
        "ContainerNotFound" => $"container '{request.BucketOrContainer}' does not exist ({code})",
        // An account key may do anything, so a refused authorization means the key itself (Azurite answers a
        // wrong key this way) or a network rule of the account; a SAS token may also lack write permission.
        "AuthorizationFailure" when string.IsNullOrWhiteSpace(request.SasToken) =>
            $"the account key was refused, or the account's network rules turn this service away ({code})",
        "AuthorizationFailure" or "AuthorizationPermissionMismatch" or "AuthorizationResourceTypeMismatch" or "AuthorizationServiceMismatch" =>
            $"the SAS token was refused or does not allow writing to container '{request.BucketOrContainer}' ({code})",
        _ => $"the storage service refused the write ({code}, status {status})",
    };

    // A service may echo what it was sent; no secret leaves this class whatever it echoed.
    private static string Scrub(string message, InlineStorageRequest request)
    {
        foreach (var secret in new[] { request.SecretKey, request.AccountKey, request.SasToken })
        {
            if (!string.IsNullOrWhiteSpace(secret))
            {
                message = message.Replace(secret.Trim(), "***", StringComparison.Ordinal);
            }
        }

        return message;
    }
}
