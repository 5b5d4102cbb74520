using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MediaFunctions.Core.Productions.Services;

/// <summary>
/// The body of a connected service's webhook (seed 004, "External Service Integration"): a compact JWT signed with
/// HS256 under the app's OAuth client secret, with claims <c>uuid</c> (the production), <c>custom_data</c> (the
/// service's), <c>iat</c> and <c>exp</c>.
/// </summary>
public static class ConnectedServiceToken
{
    /// <summary>The media type of the webhook's body.</summary>
    public const string MediaType = "application/jwt";

    /// <summary>How long a token is valid after it is made; a receiver decodes it at once.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>The signed token.</summary>
    /// <exception cref="ArgumentException">The secret is shorter than HS256 allows (16 bytes).</exception>
    public static string Create(string clientSecret, string productionUuid, string? customData, DateTimeOffset issuedAt)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(clientSecret));
        if (key.KeySize < 128)
        {
            throw new ArgumentException("The client secret is too short to sign an HS256 token.", nameof(clientSecret));
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["uuid"] = productionUuid,
                // Auphonic's receivers read custom_data whatever its value; an empty string stands for none.
                ["custom_data"] = customData ?? "",
            },
            IssuedAt = issuedAt.UtcDateTime,
            Expires = (issuedAt + Lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
