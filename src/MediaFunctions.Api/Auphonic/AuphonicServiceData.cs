using System.Text.Json.Nodes;
using MediaFunctions.Core.Productions.Services;

namespace MediaFunctions.Api.Auphonic;

/// <summary>
/// An external service as the Auphonic API lists it in <c>data</c>: <c>uuid</c>, <c>type</c>, <c>display_name</c>,
/// <c>incoming</c>, <c>outgoing</c>, <c>creation_time</c> and its non-secret settings; never a credential.
/// </summary>
public static class AuphonicServiceData
{
    /// <summary>The <c>data</c> of one service.</summary>
    public static JsonObject From(ServiceInfo service)
    {
        var data = new JsonObject
        {
            ["uuid"] = service.Uuid,
            [ProductionServiceFields.Type] = service.Type,
            [ProductionServiceFields.DisplayName] = service.DisplayName,
            [ProductionServiceFields.Incoming] = service.Incoming,
            [ProductionServiceFields.Outgoing] = service.Outgoing,
            ["creation_time"] = AuphonicResponse.Time(service.CreatedAt),
        };
        foreach (var (field, value) in service.Settings)
        {
            data[field] = value;
        }

        return data;
    }
}
