using System.Globalization;

namespace MediaFunctions.Core.Media.Production.Tagging;

/// <summary>Where a production was recorded, in decimal degrees (WGS 84).</summary>
public sealed record ProductionLocation
{
    public ProductionLocation(double latitude, double longitude)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(latitude), 90, nameof(latitude));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Math.Abs(longitude), 180, nameof(longitude));
        Latitude = latitude;
        Longitude = longitude;
    }

    public double Latitude { get; }

    public double Longitude { get; }

    /// <summary>
    /// The point as ISO 6709 writes it, <c>+47.0700+015.4390/</c>: the form MP4's <c>©xyz</c> atom holds, used for
    /// every container so a location reads the same wherever it is found.
    /// </summary>
    public string ToIso6709() =>
        string.Create(CultureInfo.InvariantCulture, $"{Latitude:+00.0000;-00.0000}{Longitude:+000.0000;-000.0000}/");
}
