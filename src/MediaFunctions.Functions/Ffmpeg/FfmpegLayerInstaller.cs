using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using MediaFunctions.Core.Ffmpeg;
using Microsoft.Extensions.Configuration;

namespace MediaFunctions.Functions.Ffmpeg;

/// <summary>
/// Makes the ffmpeg-layer bundle shipped in the publish output runnable: zip deployment drops the
/// exec bit and the app folder is read-only, so the bundle is copied to a writable temp folder,
/// ffmpeg and ffprobe are made executable, <c>Ffmpeg:BinaryFolder</c> points there, and the
/// bundle's AMR-NB encoder library is loaded for the in-process AMR encoder.
/// </summary>
public static class FfmpegLayerInstaller
{
    /// <summary>Where the bundle sits in the publish output.</summary>
    public const string BundleFolder = "ffmpeg-layer/dist";

    /// <summary>The AMR-NB encoder library inside the bundle.</summary>
    public const string AmrNbLibrary = "lib/libopencore-amrnb.so.0";

    private static readonly string[] Executables = ["ffmpeg", "ffprobe"];

    /// <summary>
    /// Installs the bundle of the app's own folder into the temp folder unless <c>Ffmpeg:BinaryFolder</c> is
    /// already set or there is no bundle (then ffmpeg is found as the self-host finds it). Returns the folder used, or null.
    /// </summary>
    public static string? Install(IConfigurationManager configuration) =>
        Install(configuration, AppContext.BaseDirectory, Path.GetTempPath());

    /// <summary>
    /// Installs the bundle of <paramref name="appFolder"/> (a publish output) into a folder under
    /// <paramref name="installRoot"/>, as <see cref="Install(IConfigurationManager)"/> does with the app's own.
    /// </summary>
    public static string? Install(IConfigurationManager configuration, string appFolder, string installRoot)
    {
        var setting = $"{FfmpegOptions.SectionName}:{nameof(FfmpegOptions.BinaryFolder)}";
        var bundle = Path.Combine(appFolder, BundleFolder);
        // The bundle holds linux-x64 binaries; elsewhere (a developer's Windows or macOS) ffmpeg comes from PATH.
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(configuration[setting]) || !File.Exists(Path.Combine(bundle, "ffmpeg")))
        {
            return null;
        }

        var folder = Copy(bundle, installRoot);
        configuration[setting] = folder;
        NativeLibrary.Load(Path.Combine(folder, AmrNbLibrary));
        return folder;
    }

    [SupportedOSPlatform("linux")]
    private static string Copy(string bundle, string installRoot)
    {
        // One copy per build of the bundle, shared by every worker process of the instance.
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(bundle, "ffmpeg")).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var target = Path.Combine(installRoot, "mediafunctions-ffmpeg-" + stamp);
        if (Directory.Exists(target))
        {
            return target;
        }

        // NOTE: copied beside the target and then renamed, so a process starting at the same time
        // never sees half a bundle; the loser of the rename keeps the winner's copy.
        var staging = target + "." + Environment.ProcessId;
        foreach (var file in Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(staging, Path.GetRelativePath(bundle, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }

        foreach (var executable in Executables)
        {
            File.SetUnixFileMode(Path.Combine(staging, executable),
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        try
        {
            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(staging, recursive: true);
        }

        return target;
    }
}
