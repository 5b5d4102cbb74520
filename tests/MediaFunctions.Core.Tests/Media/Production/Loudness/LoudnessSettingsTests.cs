using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Media.Production.Loudness;

namespace MediaFunctions.Core.Tests.Media.Production.Loudness;

public class LoudnessSettingsTests
{
    [Theory]
    [InlineData(-13, 0)]
    [InlineData(-31, -23)]
    [InlineData(-16, -1)]
    public void Validate_InRange_NoErrors(double target, double maxPeak) =>
        Assert.Empty(new LoudnessSettings(true, target, maxPeak, true).Validate());

    [Theory]
    [InlineData(-12.9, -1, "loudnesstarget")]
    [InlineData(-31.5, -1, "loudnesstarget")]
    [InlineData(double.NaN, -1, "loudnesstarget")]
    [InlineData(-16, 0.5, "maxpeak")]
    [InlineData(-16, -23.5, "maxpeak")]
    public void ThrowIfInvalid_OutOfRange_NamesTheField(double target, double maxPeak, string field)
    {
        var error = Assert.Throws<ProductionSettingsException>(() => new LoudnessSettings(true, target, maxPeak, true).ThrowIfInvalid());

        var only = Assert.Single(error.Errors);
        Assert.Equal(field, only.Field);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BothOutOfRange_OneErrorPerField() =>
        Assert.Equal(["loudnesstarget", "maxpeak"], new LoudnessSettings(true, -40, 1, false).Validate().Select(error => error.Field));
}
