using MediaFunctions.Api;
using MediaFunctions.Durable;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMediaFunctionsApi(builder.Configuration);
builder.Services.AddDurableEngine(builder.Configuration);

var app = builder.Build();
app.MapMediaFunctionsApi();
app.Run();
