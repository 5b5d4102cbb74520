namespace MediaFunctions.Testing.Servers;

/// <summary>One request a <see cref="StaticFileServer"/> answered: what was asked and how many body bytes went out.</summary>
public sealed record ServedRequest(string Method, string Path, string? Range, int Status, long BytesSent);
