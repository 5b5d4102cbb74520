using System.Text.Json.Nodes;
using MediaFunctions.Api.Auphonic;
using MediaFunctions.Core.OAuth;

namespace MediaFunctions.Api.OAuth;

/// <summary>
/// An app as the registration routes show it in the Auphonic envelope's <c>data</c>: <c>client_id</c>, <c>client_secret</c>,
/// <c>name</c>, <c>redirect_uris</c>, <c>creation_time</c>. The secret is shown to the owning key every time (as an apps
/// page would): it is kept sealed, not hashed, because webhooks are signed with it.
/// </summary>
public static class OAuthAppData
{
    public static JsonObject From(OAuthApp app) => new()
    {
        ["client_id"] = app.ClientId,
        ["client_secret"] = app.ClientSecret,
        ["name"] = app.Name,
        ["redirect_uris"] = new JsonArray([.. app.RedirectUris.Select(uri => (JsonNode)uri)]),
        ["creation_time"] = AuphonicResponse.Time(app.CreatedAt),
    };
}
