using System.Text.Json;
using Azure;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Orchestration;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Tests.Errors;

public sealed class ApiExceptionMappingTests
{
    public static TheoryData<Exception, int, string> KnownExceptions => new()
    {
        { ApiException.BadRequest("b"), 400, "bad_request" },
        { ApiException.NotFound("n"), 404, "not_found" },
        { ApiException.Conflict("c"), 409, "conflict" },
        { ApiException.Gone("g"), 410, "gone" },
        { ApiException.PayloadTooLarge("p"), 413, "payload_too_large" },
        { ApiException.UnsupportedMediaType("u"), 415, "unsupported_media_type" },
        { ApiException.ValidationFailed("v"), 422, "validation_failed" },
        { new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge), 413, "payload_too_large" },
        { new BadHttpRequestException("Failed to read JSON", StatusCodes.Status400BadRequest, new JsonException("bad", "$.a", 0, 7)), 400, "invalid_json" },
        { new BadHttpRequestException("Failed to bind parameter \"int top\" from \"x\".", StatusCodes.Status400BadRequest), 400, "bad_request" },
        { new JsonException("bad"), 400, "invalid_json" },
        { new InstanceExistsException("alice-1"), 409, "conflict" },
        { new InvalidJobInputException("no_audio_stream", "The video has no audio stream."), 400, "no_audio_stream" },
        { new UploadTooLargeException(1024), 413, "payload_too_large" },
        { new RequestFailedException("Connection refused"), 503, "service_unavailable" },
        { new AggregateException(new RequestFailedException("Connection refused"), new RequestFailedException("Connection refused")), 503, "service_unavailable" },
    };

    [Theory]
    [MemberData(nameof(KnownExceptions))]
    public void Map_KnownException_ReturnsItsStatusAndCode(Exception exception, int statusCode, string code)
    {
        var mapped = ApiExceptionMapping.Map(exception);

        Assert.NotNull(mapped);
        Assert.Equal(statusCode, mapped.Value.StatusCode);
        Assert.Equal(code, mapped.Value.Error.Code);
    }

    [Fact]
    public void Map_InvalidJson_SaysWhereButNotTheReadersInternals()
    {
        var mapped = ApiExceptionMapping.Map(new JsonException("'x' is an invalid start of a value. Internal detail", "$.answer", 0, 11));

        Assert.Equal("The request body is not valid JSON at $.answer (line 1, position 12).", mapped!.Value.Error.Message);
    }

    [Fact]
    public void Map_StorageAnsweredWithAnError_IsNotMistakenForAnOutage() =>
        Assert.Null(ApiExceptionMapping.Map(new RequestFailedException(500, "Internal error")));

    [Fact]
    public void Map_UnexpectedException_ReturnsNull() => Assert.Null(ApiExceptionMapping.Map(new InvalidOperationException("boom")));
}
