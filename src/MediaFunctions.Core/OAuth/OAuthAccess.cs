using MediaFunctions.Core.Keys;

namespace MediaFunctions.Core.OAuth;

/// <summary>Who a valid access token lets in: the key that granted it, through the app it was issued to.</summary>
public sealed record OAuthAccess(ApiKey Key, string ClientId);
