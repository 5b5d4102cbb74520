using System.Text;

namespace MediaFunctions.Durable.Runtime;

/// <summary>Maps an instance id to its lease partition with a hash that every process computes alike.</summary>
internal static class PartitionMap
{
    public static int PartitionOf(string instanceId, int partitionCount)
    {
        // FNV-1a: stable across processes and runtimes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitionCount);
    }
}
