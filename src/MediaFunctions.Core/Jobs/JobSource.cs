namespace MediaFunctions.Core.Jobs;

/// <summary>Where a job's input is: a blob staged in the inputs container, or a URL read in place.</summary>
public sealed record JobSource(string? InputBlob, string? Url)
{
    public static JobSource Staged(string inputBlob) => new(inputBlob, null);

    public static JobSource FromUrl(Uri url) => new(null, url.AbsoluteUri);
}
