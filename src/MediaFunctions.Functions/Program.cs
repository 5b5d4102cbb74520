using Azure.Core.Serialization;
using MediaFunctions.Api;
using MediaFunctions.Functions.Ffmpeg;
using MediaFunctions.Functions.Http;
using MediaFunctions.Functions.Orchestration;
using MediaFunctions.Functions.Workflows;
using MediaFunctions.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
FfmpegLayerInstaller.Install(builder.Configuration);

builder.Services.AddMediaFunctionsApi(builder.Configuration);
builder.Services.AddAuthorization();
builder.Services.AddSingleton<DurableTaskClientAccessor>();
builder.Services.AddSingleton<IOrchestrationClient, DurableFunctionsOrchestrationClient>();
builder.Services.AddSingleton<WorkflowInvoker>();
builder.Services.AddSingleton<ApiFunctionPipeline>();
// Orchestration inputs, outputs and statuses take the JSON shape the self-host gives them.
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(OrchestrationJson.Options));

builder.Build().Run();
