using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace MediaFunctions.Api.Idempotency;

/// <summary>
/// SHA-256 of a request as it streams: method, path, media type, then every body byte as the handler reads it, nothing
/// buffered. A multipart body's boundary is left out wherever it occurs: clients draw a new one for each send, so the
/// same form sent twice hashes alike.
/// </summary>
public sealed class RequestFingerprint : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _boundary;
    private byte[] _carry = [];

    public RequestFingerprint(string method, string path, string? contentType)
    {
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType);
        var boundary = HeaderUtilities.RemoveQuotes(mediaType?.Boundary ?? default).Value;
        _boundary = string.IsNullOrEmpty(boundary) ? [] : Encoding.ASCII.GetBytes(boundary);
        _hash.AppendData(Encoding.UTF8.GetBytes($"{method.ToUpperInvariant()}\n{path.ToLowerInvariant().TrimEnd('/')}\n{mediaType?.MediaType.Value}\n"));
    }

    /// <summary>Adds body bytes, in the order read.</summary>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_boundary.Length == 0)
        {
            _hash.AppendData(bytes);
            return;
        }

        // An occurrence may straddle two reads: the last boundary-length-minus-one bytes wait for the next.
        var data = _carry.Length == 0 ? bytes : [.. _carry, .. bytes];
        int found;
        while ((found = data.IndexOf(_boundary)) >= 0)
        {
            _hash.AppendData(data[..found]);
            data = data[(found + _boundary.Length)..];
        }

        var keep = Math.Min(_boundary.Length - 1, data.Length);
        _hash.AppendData(data[..^keep]);
        _carry = data[^keep..].ToArray();
    }

    /// <summary>The hash, hex, once the whole body has been appended.</summary>
    public string Finish()
    {
        _hash.AppendData(_carry);
        _carry = [];
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    public void Dispose() => _hash.Dispose();
}
