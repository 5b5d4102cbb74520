using System.Collections.Immutable;
using Microsoft.Azure.Functions.Worker;

namespace MediaFunctions.Functions.Tests.Runtime;

/// <summary>
/// What an activity trigger's <see cref="FunctionContext"/> carries in Azure and the app reads: the
/// function's name, the <c>instanceId</c> binding data and the invocation's cancellation token.
/// Everything else the app never touches, so it throws.
/// </summary>
internal sealed class ActivityFunctionContext(string functionName, string instanceId, IServiceProvider services, CancellationToken cancellationToken) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();
    public override string FunctionId => functionName;
    public override FunctionDefinition FunctionDefinition { get; } = new Definition(functionName);
    public override BindingContext BindingContext { get; } = new Bindings(new Dictionary<string, object?> { ["instanceId"] = instanceId });
    public override IServiceProvider InstanceServices { get; set; } = services;
    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();
    public override CancellationToken CancellationToken => cancellationToken;
    public override TraceContext TraceContext => throw new NotSupportedException();
    public override RetryContext RetryContext => throw new NotSupportedException();
    public override IInvocationFeatures Features => throw new NotSupportedException();

    private sealed class Definition(string name) : FunctionDefinition
    {
        public override string Name => name;
        public override string Id => name;
        public override ImmutableArray<FunctionParameter> Parameters => throw new NotSupportedException();
        public override string PathToAssembly => throw new NotSupportedException();
        public override string EntryPoint => throw new NotSupportedException();
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => throw new NotSupportedException();
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => throw new NotSupportedException();
    }

    private sealed class Bindings(IReadOnlyDictionary<string, object?> data) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData => data;
    }
}
