using MediaFunctions.Api;
using MediaFunctions.Api.Telemetry;
using MediaFunctions.Durable;
using MediaFunctions.Durable.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMediaFunctionsApi(builder.Configuration);
builder.Services.AddDurableEngine(builder.Configuration);
builder.Services.AddMediaFunctionsTelemetry(builder.Configuration, DurableTelemetry.Name);

var app = builder.Build();
app.MapMediaFunctionsApi();
app.Run();
