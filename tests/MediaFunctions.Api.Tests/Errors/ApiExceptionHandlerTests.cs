using System.Text.Json;
using MediaFunctions.Api.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Api.Tests.Errors;

public sealed class ApiExceptionHandlerTests
{
    [Fact]
    public async Task HandleAsync_UnexpectedException_Writes500EnvelopeWithTraceIdAndNoStackTrace()
    {
        var context = ContextWith(new InvalidOperationException("secret detail"));

        await ApiExceptionHandler.HandleAsync(context);

        Assert.Equal(500, context.Response.StatusCode);
        var body = Body(context);
        Assert.Equal("internal_error", body.GetProperty("error").GetProperty("code").GetString());
        var message = body.GetProperty("error").GetProperty("message").GetString()!;
        Assert.Contains(context.TraceIdentifier, message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret detail", message, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_KnownException_WritesItsStatusAndEnvelope()
    {
        var context = ContextWith(ApiException.Gone("Job 'alice-1' has finished."));

        await ApiExceptionHandler.HandleAsync(context);

        Assert.Equal(410, context.Response.StatusCode);
        var error = Body(context).GetProperty("error");
        Assert.Equal("gone", error.GetProperty("code").GetString());
        Assert.Equal("Job 'alice-1' has finished.", error.GetProperty("message").GetString());
    }

    private static DefaultHttpContext ContextWith(Exception exception)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
            TraceIdentifier = "trace-123",
        };
        context.Response.Body = new MemoryStream();
        context.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature { Error = exception, Path = "/api/x" });
        return context;
    }

    private static JsonElement Body(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return JsonDocument.Parse(context.Response.Body).RootElement;
    }
}
