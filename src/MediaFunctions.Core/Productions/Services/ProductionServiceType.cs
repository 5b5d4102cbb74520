namespace MediaFunctions.Core.Productions.Services;

/// <summary>What an external service of the Auphonic dialect is; its <c>type</c> is the lower-case name.</summary>
public enum ProductionServiceType
{
    /// <summary>A web server: files are read with GET and written with PUT at <c>{base_url}/{file name}</c>.</summary>
    Http,

    /// <summary>An S3-compatible bucket.</summary>
    S3,

    /// <summary>An Azure Blob Storage container.</summary>
    Azure,

    /// <summary>An OAuth app's service (<c>POST /api/service/connect.json</c>): told of each production by a signed webhook.</summary>
    Connected,
}
