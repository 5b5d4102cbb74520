using MediaFunctions.Functions;
using MediaFunctions.Functions.Ffmpeg;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
FfmpegLayerInstaller.Install(builder.Configuration);
builder.Services.AddMediaFunctionsApp(builder.Configuration);

builder.Build().Run();
