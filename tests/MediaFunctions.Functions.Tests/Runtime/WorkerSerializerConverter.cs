using Azure.Core.Serialization;
using Microsoft.DurableTask;

namespace MediaFunctions.Functions.Tests.Runtime;

/// <summary>
/// The data converter the DurableTask extension makes of the worker's <see cref="ObjectSerializer"/>
/// in Azure (an internal shim there), so payloads cross the test host as they cross Durable Functions.
/// </summary>
internal sealed class WorkerSerializerConverter(ObjectSerializer serializer) : DataConverter
{
    public override string? Serialize(object? value) =>
        value is null ? null : serializer.Serialize(value, value.GetType(), default).ToString();

    public override object? Deserialize(string? data, Type targetType) =>
        data is null ? null : serializer.Deserialize(BinaryData.FromString(data).ToStream(), targetType, default);
}
