namespace MediaFunctions.Host.Tests.Cors;

/// <summary>
/// Where Debian's Chromium is (scripts/setup.sh installs the <c>chromium</c> package): <c>CHROMIUM_PATH</c> when set, else the
/// package's binary. Not finding it fails the test with what to do; it never skips, so CI cannot pass without the browser tests.
/// </summary>
internal static class DebianChromium
{
    private static readonly string[] Candidates = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"];

    public static string ExecutablePath =>
        (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? [configured] : Candidates).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            $"Chromium was not found at {string.Join(" or ", Candidates)} (or CHROMIUM_PATH). Run ./test.sh, whose scripts/setup.sh installs Debian's chromium package.");
}
