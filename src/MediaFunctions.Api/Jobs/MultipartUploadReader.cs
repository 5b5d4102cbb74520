using System.Text;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace MediaFunctions.Api.Jobs;

/// <summary>What a multipart job form held: its text fields and, if it had one, where its file was staged.</summary>
/// <param name="FileName">The file's name as the client gave it, if any.</param>
public sealed record MultipartUpload(ExtractAudioFields Fields, JobSource? Staged, string? FileName);

/// <summary>
/// Reads a <c>multipart/form-data</c> body one part at a time as it arrives: text fields are kept
/// (small and bounded), the file part is handed to a stager as a stream the moment it starts, so
/// the file is never held in memory or on disk and fields may come before or after it.
/// </summary>
public static class MultipartUploadReader
{
    /// <summary>The longest text field accepted, in characters.</summary>
    public const int MaxFieldLength = 1024;

    /// <summary>The most text fields one form may have.</summary>
    public const int MaxFields = 32;

    private const int MaxBoundaryLength = 70;

    /// <summary>True when the content type is <c>multipart/form-data</c>.</summary>
    public static bool IsMultipartForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType) && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads every part. The part named one of <paramref name="fileFields"/> is the file (with or
    /// without a file name) and goes to <paramref name="stageAsync"/>, which returns where it put it.
    /// When this throws after staging, the caller deletes what was staged.
    /// </summary>
    /// <exception cref="ApiException">400 for a malformed body, a second file, a file in another field or an oversized field; 415 when not a multipart form.</exception>
    public static async Task<MultipartUpload> ReadAsync(
        string? contentType,
        Stream body,
        IReadOnlyCollection<string> fileFields,
        Func<Stream, CancellationToken, Task<JobSource>> stageAsync,
        CancellationToken cancellationToken = default)
    {
        var boundary = Boundary(contentType);
        var fields = new ExtractAudioFields();
        JobSource? staged = null;
        string? fileName = null;
        var fieldCount = 0;
        var reader = new MultipartReader(boundary, body);
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw ApiException.BadRequest("Every part of the multipart body needs a 'Content-Disposition: form-data; name=…' header.");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (fileFields.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    if (staged is not null)
                    {
                        throw ApiException.BadRequest($"Send one file only; the form has a second '{name}' part.");
                    }

                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    staged = await stageAsync(section.Body, cancellationToken);
                }
                else if (disposition.IsFileDisposition())
                {
                    throw ApiException.BadRequest($"The file part '{name}' is not expected; send the media as '{fileFields.First()}'.");
                }
                else
                {
                    if (++fieldCount > MaxFields)
                    {
                        throw ApiException.BadRequest($"The form has more than {MaxFields} fields.");
                    }

                    fields.Add(name, await ReadFieldAsync(name, section.Body, cancellationToken));
                }
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException && exception is not BadHttpRequestException)
        {
            // MultipartReader's own complaints (a missing end boundary, oversized part headers, a cut-off body).
            throw ApiException.BadRequest($"The multipart body is malformed or incomplete: {exception.Message}");
        }

        return new MultipartUpload(fields, staged, fileName);
    }

    /// <summary>The boundary of a multipart form's content type.</summary>
    /// <exception cref="ApiException">415 when it is not a multipart form; 400 when its boundary is missing or too long.</exception>
    internal static string Boundary(string? contentType)
    {
        if (!IsMultipartForm(contentType))
        {
            throw ApiException.UnsupportedMediaType(
                $"Content type '{contentType}' is not supported here; send multipart/form-data.");
        }

        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(contentType).Boundary).Value;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > MaxBoundaryLength
            ? throw ApiException.BadRequest($"The multipart/form-data content type needs a boundary of 1 to {MaxBoundaryLength} characters.")
            : boundary;
    }

    /// <summary>A text part's value, read up to <paramref name="maxLength"/> characters.</summary>
    /// <exception cref="ApiException">400 when it is longer.</exception>
    internal static async Task<string> ReadFieldAsync(string name, Stream body, CancellationToken cancellationToken, int maxLength = MaxFieldLength)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[maxLength + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return read > maxLength
            ? throw ApiException.BadRequest($"The field '{name}' is longer than {maxLength} characters.")
            : new string(buffer, 0, read);
    }
}
