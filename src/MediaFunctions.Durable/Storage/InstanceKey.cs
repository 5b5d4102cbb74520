namespace MediaFunctions.Durable.Storage;

/// <summary>Instance ids are table partition keys: these characters are not allowed in them.</summary>
internal static class InstanceKey
{
    private static readonly char[] Forbidden = ['/', '\\', '#', '?'];

    public static bool IsValid(string instanceId) =>
        !string.IsNullOrEmpty(instanceId) && instanceId is not ("." or "..") && instanceId.Length <= 256 && instanceId.IndexOfAny(Forbidden) < 0 && !instanceId.Any(char.IsControl);

    public static void Validate(string instanceId)
    {
        if (!IsValid(instanceId))
        {
            throw new ArgumentException("An instance id is 1–256 characters without '/', '\\', '#', '?' or control characters, and not '.' or '..'.", nameof(instanceId));
        }
    }
}
