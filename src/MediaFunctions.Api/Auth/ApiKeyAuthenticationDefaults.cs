namespace MediaFunctions.Api.Auth;

/// <summary>Names of the API-key authentication scheme, its policy and its claims.</summary>
public static class ApiKeyAuthenticationDefaults
{
    /// <summary>The authentication scheme name.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>The authorization policy every keyed route group requires.</summary>
    public const string Policy = "ApiKey";

    /// <summary>The authorization policy of routes only admin keys may use.</summary>
    public const string AdminPolicy = "ApiKeyAdmin";

    /// <summary>The claim holding the key id.</summary>
    public const string KeyIdClaim = "mediafunctions:key_id";

    /// <summary>The claim present (value "true") on admin keys.</summary>
    public const string AdminClaim = "mediafunctions:admin";

    /// <summary>The realm named in <c>WWW-Authenticate</c>.</summary>
    public const string Realm = "MediaFunctions";
}
