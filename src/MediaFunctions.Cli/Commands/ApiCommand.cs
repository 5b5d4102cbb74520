using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary>A command that talks to the API: opens the <see cref="CommandSession"/> and hands it to <see cref="RunAsync"/>.</summary>
public abstract class ApiCommand<TSettings> : AsyncCommand<TSettings>
    where TSettings : ApiCommandSettings
{
    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        using var session = CommandSession.Open(settings);
        return await RunAsync(session, settings, cancellationToken);
    }

    /// <summary>The command's work; returns the exit code (failures throw <see cref="Api.MediafnException"/>).</summary>
    protected abstract Task<int> RunAsync(CommandSession session, TSettings settings, CancellationToken cancellationToken);
}
