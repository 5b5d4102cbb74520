using System.Text.Json;
using MediaFunctions.Api.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaFunctions.Api.Tests.Jobs;

public sealed class CheckStatusResponseTests
{
    [Fact]
    public void Create_Request_BuildsAbsoluteTenantLinksFromSchemeHostAndPathBase()
    {
        var payload = CheckStatusResponse.Create(Request("https", "media.example.com:8443", "/base"), "alice-0123");

        const string instance = "https://media.example.com:8443/base/api/instances/alice-0123";
        Assert.Equal(new CheckStatusResponse(
            "alice-0123",
            instance,
            instance + "/raiseEvent/{eventName}",
            instance + "/terminate?reason={text}",
            instance,
            instance + "/suspend?reason={text}",
            instance + "/resume?reason={text}"), payload);
    }

    [Fact]
    public void Create_IdWithReservedCharacters_EscapesIt()
    {
        var payload = CheckStatusResponse.Create(Request("http", "localhost", ""), "alice-a b&c");

        Assert.Equal("http://localhost/api/instances/alice-a%20b%26c", payload.StatusQueryGetUri);
    }

    [Fact]
    public void Accepted_Request_Is202WithLocationOfTheStatusLink()
    {
        Accepted<CheckStatusResponse> result = CheckStatusResponse.Accepted(Request("http", "localhost:7071", ""), "bob-1");

        Assert.Equal(StatusCodes.Status202Accepted, result.StatusCode);
        Assert.Equal("http://localhost:7071/api/instances/bob-1", result.Location);
        Assert.Equal(result.Location, result.Value!.StatusQueryGetUri);
    }

    [Fact]
    public void Serialize_Payload_UsesDurableFunctionsFieldNames()
    {
        var json = JsonSerializer.SerializeToElement(CheckStatusResponse.Create(Request("http", "h", ""), "a-1"), JsonSerializerOptions.Web);

        Assert.Equal(
            ["id", "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri"],
            json.EnumerateObject().Select(p => p.Name));
    }

    private static HttpRequest Request(string scheme, string host, string pathBase)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Request.PathBase = pathBase;
        return context.Request;
    }
}
