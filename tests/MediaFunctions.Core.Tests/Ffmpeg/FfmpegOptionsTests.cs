using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Tests.Ffmpeg;

public class FfmpegOptionsTests
{
    private static FfmpegOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddMedia(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<FfmpegOptions>>().Value;
    }

    [Fact]
    public void AddMedia_NoSettings_DefaultsToTwoHourTimeout()
    {
        var options = Bind([]);

        Assert.Null(options.BinaryFolder);
        Assert.Equal(TimeSpan.FromHours(2), options.DefaultTimeout);
    }

    [Fact]
    public void AddMedia_Settings_AreBoundFromTheFfmpegSection()
    {
        var options = Bind(new() { ["Ffmpeg:BinaryFolder"] = "/usr/bin", ["Ffmpeg:DefaultTimeout"] = "00:30:00" });

        Assert.Equal("/usr/bin", options.BinaryFolder);
        Assert.Equal(TimeSpan.FromMinutes(30), options.DefaultTimeout);
    }

    [Theory]
    [InlineData("Ffmpeg:BinaryFolder", "/no/such/folder", "does not exist")]
    [InlineData("Ffmpeg:DefaultTimeout", "00:00:00", "DefaultTimeout")]
    [InlineData("Ffmpeg:StopGracePeriod", "01:00:00", "StopGracePeriod")]
    public void AddMedia_BadSetting_FailsValidation(string key, string value, string expected)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
