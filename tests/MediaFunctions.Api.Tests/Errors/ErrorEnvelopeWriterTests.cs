using System.Text.Json;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Validation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Api.Tests.Errors;

public sealed class ErrorEnvelopeWriterTests
{
    [Theory]
    [InlineData("/api/presets.json")]
    [InlineData("/api/preset/ceigtvDv8jH6NaK52Z5eXH.json")]
    [InlineData("/api/productions.json")]
    [InlineData("/api/production/KKw7AxpLrDBQKLVnQCBtCh/start.json")]
    [InlineData("/api/simple/productions.json")]
    [InlineData("/api/services.json")]
    [InlineData("/api/download/audio-result/KKw7AxpLrDBQKLVnQCBtCh/a.mp3")]
    public async Task WriteAsync_AuphonicPath_WritesTheAuphonicEnvelope(string path)
    {
        var context = Context(path);

        await ErrorEnvelopeWriter.WriteAsync(context, 404, new ApiError(ApiErrorCodes.NotFound, "No preset."));

        Assert.Equal(404, context.Response.StatusCode);
        var body = Body(context);
        Assert.Equal(["status_code", "error_code", "error_message", "form_errors", "data"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(404, body.GetProperty("status_code").GetInt32());
        Assert.Equal("not_found", body.GetProperty("error_code").GetString());
        Assert.Equal("No preset.", body.GetProperty("error_message").GetString());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("form_errors").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("data").ValueKind);
    }

    [Theory]
    [InlineData("/api/jobs")]
    [InlineData("/api/presets")]
    [InlineData("/api/files/abc")]
    [InlineData("/job/status/x")]
    public async Task WriteAsync_OtherPath_WritesTheNativeEnvelope(string path)
    {
        var context = Context(path);

        await ErrorEnvelopeWriter.WriteAsync(context, 401, new ApiError(ApiErrorCodes.Unauthorized, "A key is needed."));

        Assert.Equal(401, context.Response.StatusCode);
        Assert.Equal("unauthorized", Body(context).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task ExceptionHandler_FieldErrorsOnAnAuphonicPath_400WithFormErrorsPerField()
    {
        var context = Context("/api/presets.json");
        context.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature
        {
            Error = new ProductionSettingsException([new ValidationError("loudnesstarget", "too quiet."), new ValidationError("output_files", "a."),
                new ValidationError("output_files", "b.")]),
            Path = "/api/presets.json",
        });

        await ApiExceptionHandler.HandleAsync(context);

        Assert.Equal(400, context.Response.StatusCode);
        var body = Body(context);
        Assert.Equal(400, body.GetProperty("status_code").GetInt32());
        Assert.Equal("invalid_fields", body.GetProperty("error_code").GetString());
        Assert.Equal("too quiet.", body.GetProperty("form_errors").GetProperty("loudnesstarget").GetString());
        Assert.Equal("a. b.", body.GetProperty("form_errors").GetProperty("output_files").GetString());
    }

    private static DefaultHttpContext Context(string path)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static JsonElement Body(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return JsonDocument.Parse(context.Response.Body).RootElement;
    }
}
