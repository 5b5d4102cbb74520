using System.Text;
using MediaFunctions.Api.Idempotency;

namespace MediaFunctions.Api.Tests.Idempotency;

/// <summary>The request hash: a multipart body hashes alike whatever its boundary and however it is split into reads.</summary>
public sealed class RequestFingerprintTests
{
    private const string Form = "--{0}\r\nContent-Disposition: form-data; name=\"output_format\"\r\n\r\nmp3\r\n--{0}--\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Finish_SameFormOtherBoundaryAnyReadSize_SameHash(int readSize)
    {
        var first = Hash("aaaaBOUNDARY1111", readSize);
        var second = Hash("bbbbBOUNDARY2222", readSize);

        Assert.Equal(first, second);
        Assert.Equal(first, Hash("aaaaBOUNDARY1111", int.MaxValue));
    }

    [Fact]
    public void Finish_OtherField_OtherHash() =>
        Assert.NotEqual(Hash("x1", 5), Hash("x1", 5, Form.Replace("mp3", "wav", StringComparison.Ordinal)));

    [Fact]
    public void Finish_OtherPath_OtherHash()
    {
        using var jobs = new RequestFingerprint("POST", "/api/jobs", "application/json");
        using var uploads = new RequestFingerprint("POST", "/api/uploads", "application/json");

        Assert.NotEqual(jobs.Finish(), uploads.Finish());
    }

    private static string Hash(string boundary, int readSize, string form = Form)
    {
        var body = Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, form, boundary));
        using var fingerprint = new RequestFingerprint("POST", "/api/jobs/extract-audio", $"multipart/form-data; boundary=\"{boundary}\"");
        for (var offset = 0; offset < body.Length; offset += readSize)
        {
            fingerprint.Append(body.AsSpan(offset, Math.Min(readSize, body.Length - offset)));
        }

        return fingerprint.Finish();
    }
}
