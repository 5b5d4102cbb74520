using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Media.Audio;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MediaFunctions.Api.OpenApi;

/// <summary>
/// Documents the two bodies <c>POST /api/jobs/extract-audio</c> reads itself (it streams the upload,
/// so no parameter binding describes them): the multipart form with the file, and the JSON body.
/// </summary>
internal static class ExtractAudioRequestBody
{
    public static async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var json = await context.GetOrCreateSchemaAsync(typeof(ExtractAudioJobBody), null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new() { Schema = Form() },
                ["application/json"] = new() { Schema = json },
            },
        };
    }

    private static OpenApiSchema Form() => new()
    {
        Type = JsonSchemaType.Object,
        Required = new HashSet<string> { ExtractAudioSubmission.FileField },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            [ExtractAudioSubmission.FileField] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "binary",
                Description = "The media: any file ffmpeg reads that has an audio stream (mp4, webm, flv, avi, mkv, mov, 3gp, …). Streamed, never buffered.",
            },
            [ExtractAudioFields.StartTime] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Seconds from the start. Default 0." },
            [ExtractAudioFields.Duration] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Seconds of audio; ignored with full_audio. Default 2." },
            [ExtractAudioFields.OutputFormat] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = $"One of {AudioFormatCatalog.Names}; repeat the field or separate with commas for several files. Default mp3.",
            },
            [ExtractAudioFields.FullAudio] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Everything from start_time to the end. Default false." },
            [ExtractAudioFields.Persistent] = new OpenApiSchema
            {
                Type = JsonSchemaType.Boolean,
                Description = "Keep the files until the job is deleted, behind stable links. Default false.",
            },
            [ExtractAudioFields.WebhookUrl] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "uri",
                Description = "Where to POST the job (as GET /api/jobs/{id} shows it) when it completes or fails, signed with the key's webhook secret. Default none.",
            },
        },
    };
}
