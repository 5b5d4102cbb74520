using System.Text.Json.Nodes;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Productions.Services;

/// <summary>
/// An OAuth app's service, read from <c>POST /api/service/connect.json</c>: <c>display_name</c> and <c>webhook_url</c>
/// (required; an absolute http(s) URL) and <c>custom_data</c> (an optional string the app gets back in each webhook).
/// </summary>
public sealed record ConnectedServiceRequest(string DisplayName, Uri WebhookUrl, string? CustomData)
{
    /// <summary>The request in <paramref name="body"/>.</summary>
    /// <exception cref="ProductionSettingsException">Naming each bad, missing or unknown field.</exception>
    public static ConnectedServiceRequest Read(JsonObject body)
    {
        var errors = new List<ValidationError>();
        foreach (var (field, _) in body)
        {
            if (field is not (ProductionServiceFields.DisplayName or ProductionServiceFields.WebhookUrl or ProductionServiceFields.CustomData))
            {
                errors.Add(new(field, $"{field} is not a field of a connected service; it takes display_name, webhook_url and custom_data."));
            }
        }

        var displayName = ProductionServiceRequest.ReadDisplayName(body, required: true, errors);
        var webhookUrl = ProductionServiceRequest.ReadHttpUrl(body, ProductionServiceFields.WebhookUrl, queryAllowed: true, errors);
        var customData = ProductionServiceRequest.ReadString(body, ProductionServiceFields.CustomData, errors);
        if (customData?.Length > ProductionServiceFields.MaxCustomDataLength)
        {
            errors.Add(new(ProductionServiceFields.CustomData, $"custom_data must be at most {ProductionServiceFields.MaxCustomDataLength} characters."));
        }

        return errors.Count > 0 ? throw new ProductionSettingsException(errors) : new(displayName!, webhookUrl!, customData);
    }
}
