using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MediaFunctions.Api.Auphonic;

/// <summary>
/// Reads the Auphonic dialect's forms (the Simple API, <c>upload.json</c>) one part at a time as they arrive: every file
/// part goes to a handler as a stream the moment it starts, so no file is held in memory, and text fields are kept
/// (bounded). A form without files may also come URL-encoded.
/// </summary>
public static class AuphonicForm
{
    /// <summary>The longest text field, in characters: room for a long summary.</summary>
    public const int MaxFieldLength = 16 * 1024;

    /// <summary>The most parts one form may have.</summary>
    public const int MaxParts = 64;

    /// <summary>Reads the form, handing each file part to <paramref name="onFile"/> (field name, file name, content) and returning the text fields.</summary>
    /// <exception cref="ApiException">400 for a malformed body, a repeated or oversized field, too many parts; 415 when it is not a form.</exception>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(HttpRequest request, Func<string, string?, Stream, CancellationToken, Task> onFile,
        CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.HasFormContentType && !MultipartUploadReader.IsMultipartForm(request.ContentType))
        {
            foreach (var (name, value) in await request.ReadFormAsync(cancellationToken))
            {
                Add(fields, name, value.ToString());
            }

            return fields;
        }

        var reader = new MultipartReader(MultipartUploadReader.Boundary(request.ContentType), request.Body);
        var parts = 0;
        var files = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++parts > MaxParts)
                {
                    throw ApiException.BadRequest($"The form has more than {MaxParts} parts.");
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw ApiException.BadRequest("Every part of the multipart body needs a 'Content-Disposition: form-data; name=…' header.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (!files.Add(name) || fields.ContainsKey(name))
                    {
                        throw ApiException.BadRequest($"The form has '{name}' twice; send each field once.");
                    }

                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    await onFile(name, fileName, section.Body, cancellationToken);
                }
                else
                {
                    if (files.Contains(name))
                    {
                        throw ApiException.BadRequest($"The form has '{name}' twice; send each field once.");
                    }

                    Add(fields, name, await MultipartUploadReader.ReadFieldAsync(name, section.Body, cancellationToken, MaxFieldLength));
                }
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException && exception is not BadHttpRequestException)
        {
            // MultipartReader's own complaints (a missing end boundary, oversized part headers, a cut-off body).
            throw ApiException.BadRequest($"The multipart body is malformed or incomplete: {exception.Message}");
        }

        return fields;
    }

    private static void Add(Dictionary<string, string> fields, string name, string value)
    {
        if (value.Length > MaxFieldLength)
        {
            throw ApiException.BadRequest($"The field '{name}' is longer than {MaxFieldLength} characters.");
        }

        if (!fields.TryAdd(name, value))
        {
            throw ApiException.BadRequest($"The form has '{name}' twice; send each field once.");
        }
    }
}
