using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Cli.Tests;

/// <summary>
/// One Azurite, one host (keys alice, bob, carol and dave, loopback URL sources allowed), the generated media and a local origin
/// serving it, for the tests that run mediafn against the real API.
/// </summary>
public sealed class CliFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-secret-0001";
    public const string BobKey = "bob-secret-0002";

    /// <summary>Only the lost-answer test uses carol, so it can count the key's jobs.</summary>
    public const string CarolKey = "carol-secret-0003";

    /// <summary>Only the early-hang-up test uses dave, so it can count the key's jobs.</summary>
    public const string DaveKey = "dave-secret-0004";

    private readonly AzuriteFixture azurite = new();
    private readonly string toneFolder = Path.Combine(Path.GetTempPath(), "mediafn-tone-" + Guid.NewGuid().ToString("N"));

    public HostProcess Host { get; private set; } = null!;

    public GeneratedMedia Media { get; } = new();

    /// <summary>10 minutes of tone as MP3 (3.6 MB): a job on it runs long enough to be seen running.</summary>
    public string Tone => Path.Combine(toneFolder, "tone.mp3");

    /// <summary>Serves <see cref="GeneratedMedia.Folder"/> for download and batch sources.</summary>
    public StaticFileServer Origin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(toneFolder);
        await Task.WhenAll(azurite.InitializeAsync(), Media.InitializeAsync(), GeneratedMedia.WriteToneAsync(Tone));
        Host = new HostProcess(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = azurite.ConnectionString,
            ["Auth__BootstrapKeys"] = $"alice={AliceKey};bob={BobKey};carol={CarolKey};dave={DaveKey}",
            ["Durable__TaskHub"] = "CliTests",
            ["Sources__AllowPrivateNetworks"] = "true",
        });
        await Host.StartAsync();
        Origin = await StaticFileServer.StartAsync(Media.Folder, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (Origin is not null)
        {
            await Origin.DisposeAsync();
        }

        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await azurite.DisposeAsync();
        await Media.DisposeAsync();
        Directory.Delete(toneFolder, recursive: true);
    }
}
