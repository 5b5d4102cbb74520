using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace MediaFunctions.Core.Tests.Workflows;

/// <summary>
/// The code that runs inside orchestrators, found in the compiled IL rather than by file name: every method of a
/// MediaFunctions assembly that an orchestrator's own methods reach through calls, object creation and delegates
/// (lambdas, local functions), the state machines of the async ones among them, and the static initializers of the
/// types they touch. An extension method on the context, a helper in another folder or a record's method is checked
/// the moment an orchestrator calls it, and no longer once none does.
/// </summary>
internal static class OrchestratorCode
{
    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(code => code.Value);

    // Replayed code must not read the clock or the environment, make GUIDs or random numbers, wait or start threads
    // on its own, do I/O (files, network, storage SDKs) or log: each answers differently on a replay.
    private static readonly string[] ForbiddenTypes =
    [
        "System.Environment", "System.Random", "System.Security.Cryptography.RandomNumberGenerator", "System.TimeProvider",
        "System.Threading.Thread", "System.Threading.ThreadPool", "System.Threading.Timer", "System.Threading.Tasks.TaskFactory",
        "System.Diagnostics.Stopwatch", "System.Diagnostics.Process", "System.IO.File", "System.IO.Directory", "System.IO.FileInfo",
        "System.IO.DirectoryInfo", "System.IO.FileStream", "System.Net.Dns",
    ];

    private static readonly string[] ForbiddenNamespaces = ["System.Net.Http", "System.Net.Sockets", "Microsoft.Extensions.Logging", "Azure", "Amazon"];

    private static readonly HashSet<string> ForbiddenMembers =
    [
        "System.DateTime.get_Now", "System.DateTime.get_UtcNow", "System.DateTime.get_Today", "System.DateTimeOffset.get_Now",
        "System.DateTimeOffset.get_UtcNow", "System.Guid.NewGuid", "System.Guid.CreateVersion7", "System.Threading.Tasks.Task.Delay",
        "System.Threading.Tasks.Task.Run", "System.IO.Path.GetTempPath", "System.IO.Path.GetTempFileName", "System.IO.Path.GetRandomFileName",
    ];

    /// <summary>Each call that is not replay-safe in code the orchestrators run, with the chain of calls that reaches it.</summary>
    public static IReadOnlyList<string> NonDeterministicCalls(IEnumerable<Type> orchestrators)
    {
        var reachedFrom = new Dictionary<MethodBase, MethodBase?>();
        var pending = new Queue<MethodBase>();
        void Reach(MethodBase method, MethodBase? from)
        {
            if (reachedFrom.TryAdd(method, from))
            {
                pending.Enqueue(method);
            }
        }

        foreach (var orchestrator in orchestrators)
        {
            foreach (var method in orchestrator.GetMethods(Declared).Cast<MethodBase>().Concat(orchestrator.GetConstructors(Declared)))
            {
                Reach(method, null);
            }
        }

        var found = new List<string>();
        while (pending.TryDequeue(out var method))
        {
            if (method.GetCustomAttribute<StateMachineAttribute>() is { } stateMachine)
            {
                Reach(stateMachine.StateMachineType.GetMethod(nameof(IAsyncStateMachine.MoveNext), Declared)!, method);
            }

            if (method.DeclaringType?.TypeInitializer is { } initializer)
            {
                Reach(initializer, method);
            }

            foreach (var (called, previous) in MembersUsed(method))
            {
                if (called is MethodBase calledMethod && Forbidden(calledMethod, previous) is { } name)
                {
                    found.Add($"{name} in {Chain(method, reachedFrom)}");
                }
                else if (called is MethodBase { DeclaringType: { } owner } ours && IsOurs(owner))
                {
                    // The definition: the one body whatever the type arguments.
                    Reach(ours.Module.ResolveMethod(ours.MetadataToken)!, method);
                }
                else if (called is FieldInfo { DeclaringType: { TypeInitializer: { } fieldInitializer } fieldOwner } && IsOurs(fieldOwner))
                {
                    Reach(fieldInitializer, method);
                }
            }
        }

        return found;
    }

    private static bool IsOurs(Type type) => type.Assembly.GetName().Name!.StartsWith("MediaFunctions.", StringComparison.Ordinal);

    private static string? Forbidden(MethodBase called, OpCode previous)
    {
        var type = called.DeclaringType!;
        var typeName = type.IsGenericType ? type.GetGenericTypeDefinition().FullName! : type.FullName!;
        var name = $"{type.Name.Split('`')[0]}.{called.Name.Replace("get_", "", StringComparison.Ordinal)}";
        var forbidden = ForbiddenMembers.Contains($"{typeName}.{called.Name}")
            || ForbiddenTypes.Contains(typeName)
            || ForbiddenNamespaces.Any(space => type.Namespace == space || type.Namespace?.StartsWith(space + ".", StringComparison.Ordinal) == true)
            // ConfigureAwait(false) (or ConfigureAwaitOptions.None): the continuation leaves the orchestration's thread.
            || (called.Name == nameof(Task.ConfigureAwait) && typeName.StartsWith("System.Threading.Tasks.", StringComparison.Ordinal) && previous == OpCodes.Ldc_I4_0);
        return forbidden ? name : null;
    }

    private static string Chain(MethodBase method, Dictionary<MethodBase, MethodBase?> reachedFrom)
    {
        var names = new List<string>();
        for (MethodBase? step = method; step is not null; step = reachedFrom[step])
        {
            names.Add($"{step.DeclaringType?.FullName}.{step.Name}");
        }

        return string.Join(" <- ", names);
    }

    /// <summary>The methods and fields the method's IL refers to, each with the instruction before it.</summary>
    private static IEnumerable<(MemberInfo Member, OpCode Previous)> MembersUsed(MethodBase method)
    {
        if (method.GetMethodBody()?.GetILAsByteArray() is not { } il)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType is { IsGenericType: true } generic ? generic.GetGenericArguments() : null;
        var methodArguments = method is MethodInfo { IsGenericMethod: true } ? method.GetGenericArguments() : null;
        var previous = OpCodes.Nop;
        for (var position = 0; position < il.Length;)
        {
            var value = (short)il[position++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }

            var code = OpCodesByValue[value];
            var token = code.OperandType is OperandType.InlineMethod or OperandType.InlineField ? BitConverter.ToInt32(il, position) : 0;
            position += code.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, position)),
                _ => 4,
            };
            if (code.OperandType == OperandType.InlineMethod)
            {
                yield return (method.Module.ResolveMethod(token, typeArguments, methodArguments)!, previous);
            }
            else if (code.OperandType == OperandType.InlineField)
            {
                yield return (method.Module.ResolveField(token, typeArguments, methodArguments)!, previous);
            }

            previous = code;
        }
    }
}
